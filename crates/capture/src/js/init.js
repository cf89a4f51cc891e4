// Runs in every frame before any page script. Wraps `window.oaiq` whenever it is assigned so
// each call is recorded with the script location that made it, then hands the call on
// unchanged. The capture fills in the upper-case placeholders before injection.
(() => {
  const BINDING = "@@BINDING@@";
  const REGISTRY = "@@REGISTRY@@";
  const SKIP_URL = "@@SDK_HOST@@";
  if (Object.prototype.hasOwnProperty.call(window, REGISTRY)) return;

  // Keep our own references: the page may later replace globals we rely on.
  const stringify = JSON.stringify;
  const emitBinding = window[BINDING];
  const objectIs = Object.is;
  const ProxyCtor = Proxy;
  const reflectApply = Reflect.apply;

  function emit(message) {
    try {
      emitBinding(stringify(message));
    } catch (_) {
      // The binding can be missing in a frame the capture does not watch; nothing to do.
    }
  }

  // JSON of the arguments, tolerant of cycles, functions and DOM nodes.
  function argsJson(args) {
    const list = Array.prototype.slice.call(args);
    while (list.length && list[list.length - 1] === undefined) list.pop();
    const seen = new WeakSet();
    try {
      return stringify(list, (key, value) => {
        if (typeof value === "function") return "<function>";
        if (typeof value === "bigint") return value.toString();
        if (value && typeof value === "object") {
          if (typeof Node !== "undefined" && value instanceof Node) return "<element>";
          if (seen.has(value)) return "<circular>";
          seen.add(value);
        }
        return value;
      });
    } catch (e) {
      return stringify(["<unserializable: " + String(e && e.message) + ">"]);
    }
  }

  // The first stack frame outside this script and the stand-in SDK: "url:line:column".
  function callerSource() {
    const stack = String(new Error().stack || "");
    // A frame ends in "url:line:column" (maybe in parentheses); code run by eval names its
    // origin inside the frame instead, hence the unanchored second try.
    const atEnd = /((?:https?|file|blob):[^\s()]+):(\d+):(\d+)\)?\s*$/;
    const inside = /((?:https?|file|blob):[^\s()]+):(\d+):(\d+)/;
    for (const line of stack.split("\n").slice(1)) {
      if (line.indexOf("preflight-capture-init.js") !== -1) continue;
      if (line.indexOf(SKIP_URL) !== -1) continue;
      const m = atEnd.exec(line) || inside.exec(line);
      if (m) return m[1] + ":" + m[2] + ":" + m[3];
    }
    return String(location.href);
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
    const list = Array.prototype.slice.call(args);
    if (!replayed) {
      pending.push(list);
      if (pending.length > 1000) pending.shift();
    }
    emit({
      kind: "call",
      command: typeof list[0] === "string" ? list[0] : "",
      args: argsJson(list.slice(1)),
      source: source,
      page: String(location.href),
    });
  }

  const wrapped = new WeakSet();
  function wrap(fn) {
    if (typeof fn !== "function" || wrapped.has(fn)) return fn;
    const proxy = new ProxyCtor(fn, {
      apply(target, thisArg, args) {
        record(args, callerSource());
        return reflectApply(target, thisArg, args);
      },
    });
    wrapped.add(proxy);
    return proxy;
  }

  let current;
  Object.defineProperty(window, "oaiq", {
    configurable: true,
    enumerable: true,
    get() {
      return current;
    },
    set(value) {
      current = wrap(value);
    },
  });

  Object.defineProperty(window, REGISTRY, {
    enumerable: false,
    value: Object.freeze({
      // Called by the stand-in SDK with the snippet's queue: record what the wrapper missed
      // (a queue filled before the wrapper existed, or by a function declaration).
      replay(queue) {
        replayed = true;
        if (!queue || typeof queue.length !== "number") return;
        for (let i = 0; i < queue.length; i++) {
          const entry = Array.prototype.slice.call(queue[i] || []);
          const at = pending.findIndex((p) => sameArgs(p, entry));
          if (at !== -1) {
            pending.splice(at, 1);
            continue;
          }
          emit({
            kind: "call",
            command: typeof entry[0] === "string" ? entry[0] : "",
            args: argsJson(entry.slice(1)),
            source: "oaiq.q (queued before the SDK loaded)",
            page: String(location.href),
          });
        }
      },
    }),
  });
})();
//# sourceURL=preflight-capture-init.js
