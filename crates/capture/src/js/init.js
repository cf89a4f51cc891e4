// Runs in every frame before any page script. Wraps `window.oaiq` whenever it is assigned so
// each call is recorded with the script location that made it, then hands the call on
// unchanged. The capture fills in the upper-case placeholders before injection.
//
// The page must not be able to feed the capture: the reporting binding is taken off `window`
// into this closure before any page script runs, nothing else of the capture is put on
// `window` (only the `oaiq` accessor), every message carries a secret the page never sees, and
// the built-ins used after load are the ones captured here, not the page's.
(() => {
  "use strict";
  const BINDING = "@@BINDING@@";
  const SECRET = "@@SECRET@@";
  const SKIP_URL = "@@SDK_HOST@@";
  const MAX_STRING = @@MAX_STRING@@;
  const MAX_ARGS_JSON = @@MAX_ARGS_JSON@@;
  const MAX_QUEUE = 1000;

  const call = Function.prototype.call;
  const uncurry = (fn) => call.bind(fn);
  const hasOwn = uncurry(Object.prototype.hasOwnProperty);

  const emitBinding = window[BINDING];
  try {
    delete window[BINDING];
  } catch (_) {
    // Not deletable: the messages still need the secret below.
  }

  // Keep our own references: the page may later replace globals we rely on.
  const stringify = JSON.stringify;
  const createObject = Object.create;
  const defineProperty = Object.defineProperty;
  const freeze = Object.freeze;
  const getOwnPropertyDescriptor = Object.getOwnPropertyDescriptor;
  const objectIs = Object.is;
  const ProxyCtor = Proxy;
  const reflectApply = Reflect.apply;
  const ErrorCtor = Error;
  const NodeCtor = typeof Node === "function" ? Node : null;
  const WeakSetCtor = WeakSet;
  const weakHas = uncurry(WeakSet.prototype.has);
  const weakAdd = uncurry(WeakSet.prototype.add);
  const slice = uncurry(Array.prototype.slice);
  const push = uncurry(Array.prototype.push);
  const shift = uncurry(Array.prototype.shift);
  const splice = uncurry(Array.prototype.splice);
  const split = uncurry(String.prototype.split);
  const indexOf = uncurry(String.prototype.indexOf);
  const strSlice = uncurry(String.prototype.slice);
  const charCodeAt = uncurry(String.prototype.charCodeAt);
  const startsWith = uncurry(String.prototype.startsWith);
  const addEventListener = uncurry(EventTarget.prototype.addEventListener);
  const eventTarget = uncurry(getOwnPropertyDescriptor(Event.prototype, "target").get);
  const scriptDescriptor =
    typeof HTMLScriptElement === "function"
      ? getOwnPropertyDescriptor(HTMLScriptElement.prototype, "src")
      : null;
  const scriptSrc = scriptDescriptor ? uncurry(scriptDescriptor.get) : null;
  const exec = uncurry(RegExp.prototype.exec);
  const numberToString = uncurry(Number.prototype.toString);
  const bigintToString = uncurry(BigInt.prototype.toString);
  const locationHref = () => location.href;

  function emit(kind, fields) {
    // No prototype: nothing the page adds to Object.prototype (a `toJSON`, a setter) runs here.
    const message = createObject(null);
    message.kind = kind;
    message.secret = SECRET;
    message.command = fields.command;
    message.args = fields.args;
    message.source = fields.source;
    message.page = fields.page;
    message.step = fields.step;
    try {
      emitBinding(stringify(message));
    } catch (_) {
      // The binding can be missing in a frame the capture does not watch; nothing to do.
    }
  }

  // A string of at most MAX_STRING characters (code points, as the capture counts them), cut
  // between characters.
  function cut(text) {
    if (text.length <= MAX_STRING) return text;
    let units = 0;
    let points = 0;
    while (units < text.length && points < MAX_STRING) {
      const c = charCodeAt(text, units);
      const pair = c >= 0xd800 && c <= 0xdbff && units + 1 < text.length;
      units += pair ? 2 : 1;
      points += 1;
    }
    if (units >= text.length) return text;
    return strSlice(text, 0, units) + "…[cut]";
  }

  // JSON of the arguments, tolerant of cycles, functions and DOM nodes; long strings are cut.
  function argsJson(args) {
    const list = slice(args);
    while (list.length && list[list.length - 1] === undefined) list.length -= 1;
    const seen = new WeakSetCtor();
    let text;
    try {
      text = stringify(list, (key, value) => {
        if (typeof value === "string") return cut(value);
        if (typeof value === "function") return "<function>";
        if (typeof value === "bigint") return bigintToString(value);
        if (value && typeof value === "object") {
          if (NodeCtor && value instanceof NodeCtor) return "<element>";
          if (weakHas(seen, value)) return "<circular>";
          weakAdd(seen, value);
        }
        return value;
      });
    } catch (e) {
      text = stringify(["<unserializable>"]);
    }
    if (typeof text !== "string") return "[]";
    if (text.length > MAX_ARGS_JSON) {
      return stringify(["<arguments cut: " + numberToString(text.length) + " characters>"]);
    }
    return text;
  }

  // The stack as V8 prints it, or "" when the page has taken over stack formatting.
  function rawStack() {
    const formatter = getOwnPropertyDescriptor(ErrorCtor, "prepareStackTrace");
    const limit = getOwnPropertyDescriptor(ErrorCtor, "stackTraceLimit");
    const plain = (d) => !d || (hasOwn(d, "value") && d.writable && d.configurable);
    if (!plain(formatter) || !plain(limit)) return "";
    try {
      ErrorCtor.prepareStackTrace = undefined;
      ErrorCtor.stackTraceLimit = 50;
      const stack = new ErrorCtor().stack;
      return typeof stack === "string" ? stack : "";
    } catch (_) {
      return "";
    } finally {
      if (formatter) defineProperty(ErrorCtor, "prepareStackTrace", formatter);
      else delete ErrorCtor.prepareStackTrace;
      if (limit) defineProperty(ErrorCtor, "stackTraceLimit", limit);
    }
  }

  // The first stack frame outside this script and the stand-in SDK: "url:line:column".
  function callerSource() {
    // A frame ends in "url:line:column" (maybe in parentheses); code run by eval names its
    // origin inside the frame instead, hence the unanchored second try.
    const atEnd = /((?:https?|file|blob):[^\s()]+):(\d+):(\d+)\)?\s*$/;
    const inside = /((?:https?|file|blob):[^\s()]+):(\d+):(\d+)/;
    const lines = split(rawStack(), "\n");
    for (let i = 1; i < lines.length; i++) {
      const line = lines[i];
      if (indexOf(line, "preflight-capture-init.js") !== -1) continue;
      if (indexOf(line, SKIP_URL) !== -1) continue;
      const m = exec(atEnd, line) || exec(inside, line);
      if (m) return cut(m[1] + ":" + m[2] + ":" + m[3]);
    }
    return cut(locationHref());
  }

  // Calls recorded through the wrapper before the SDK loaded, so its replay of `oaiq.q` skips
  // them.
  const pending = [];
  let replayed = false;

  function sameArgs(a, b) {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!objectIs(a[i], b[i])) return false;
    return true;
  }

  function record(args, source) {
    const list = slice(args);
    if (!replayed) {
      push(pending, list);
      if (pending.length > MAX_QUEUE) shift(pending);
    }
    emit("call", {
      command: typeof list[0] === "string" ? cut(list[0]) : "",
      args: argsJson(slice(list, 1)),
      source: source,
      page: cut(locationHref()),
    });
  }

  const wrapped = new WeakSetCtor();
  function wrap(fn) {
    if (typeof fn !== "function" || weakHas(wrapped, fn)) return fn;
    const proxy = new ProxyCtor(fn, {
      apply(target, thisArg, args) {
        record(args, callerSource());
        return reflectApply(target, thisArg, args);
      },
    });
    weakAdd(wrapped, proxy);
    return proxy;
  }

  let current;
  defineProperty(window, "oaiq", {
    configurable: true,
    enumerable: true,
    get() {
      return current;
    },
    set(value) {
      current = wrap(value);
    },
  });

  // Record what the wrapper missed (a queue filled before the wrapper existed, or by a function
  // declaration) once the stand-in SDK has run: on its script's `load` event, which only the
  // browser can fire (a page's own `dispatchEvent` is not trusted).
  function replay(queue) {
    if (!queue || typeof queue.length !== "number") return;
    replayed = true;
    const count = queue.length < MAX_QUEUE ? queue.length : MAX_QUEUE;
    for (let i = 0; i < count; i++) {
      const entry = slice(queue[i] || []);
      let at = -1;
      for (let j = 0; j < pending.length; j++) {
        if (sameArgs(pending[j], entry)) {
          at = j;
          break;
        }
      }
      if (at !== -1) {
        splice(pending, at, 1);
        continue;
      }
      emit("call", {
        command: typeof entry[0] === "string" ? cut(entry[0]) : "",
        args: argsJson(slice(entry, 1)),
        source: "oaiq.q (queued before the SDK loaded)",
        page: cut(locationHref()),
      });
    }
  }

  function isSdkScript(node) {
    if (!scriptSrc) return false;
    let src;
    try {
      src = scriptSrc(node);
    } catch (_) {
      return false; // not a script element
    }
    return (
      typeof src === "string" &&
      (startsWith(src, "https://" + SKIP_URL + "/") || startsWith(src, "http://" + SKIP_URL + "/"))
    );
  }

  if (typeof document !== "undefined") {
    addEventListener(
      document,
      "load",
      (event) => {
        if (!event.isTrusted || !isSdkScript(eventTarget(event))) return;
        const sdk = window.oaiq;
        let queue = null;
        try {
          queue = sdk && sdk.queued;
        } catch (_) {
          return;
        }
        replay(queue);
      },
      true,
    );
  }

  // What the visitor does (clicks, forms sent), for replaying the journey: see steps.js.
  @@STEPS@@
})();
//# sourceURL=preflight-capture-init.js
