// Inserted into init.js (it shares `emit`, `cut` and the built-ins kept there). Records what
// the visitor does in the top page, so the journey can be replayed: each trusted click on
// something clickable, and each form sent with the fields the visitor changed. Password and
// payment fields are never kept: they are marked "sensitive" instead. Only events the browser
// marks as trusted (a real click or key press) are recorded; a page cannot fake them.
(() => {
  let top = false;
  try {
    top = window.top === window;
  } catch (_) {
    top = false;
  }
  if (!top || typeof document === "undefined" || typeof Element !== "function") return;

  const MAX_TEXT = 80;
  const MAX_SELECTOR = 300;
  const MAX_VALUE = 500;
  const MAX_FIELDS = 40;
  const CLICKABLE =
    "a[href],button,input,select,textarea,label,summary,[role=button],[role=link],[role=tab]," +
    "[role=menuitem],[role=checkbox],[onclick]";
  const SENSITIVE_NAME =
    /pass(word|wd|code)?\b|passwd|card.?(num|no\b)|cc.?(num|no\b|number)|cardnumber|credit.?card|\bcvv|\bcvc|\bcsc\b|\bcvn|security.?code|\bexp(iry|iration)?.?(date|month|year)?\b|\biban\b|\bpin\b|\bssn\b/i;

  const closest = uncurry(Element.prototype.closest);
  const getAttribute = uncurry(Element.prototype.getAttribute);
  const ElementCtor = Element;
  const querySelectorAll = uncurry(Document.prototype.querySelectorAll);
  const tagNameOf = uncurry(getOwnPropertyDescriptor(Element.prototype, "tagName").get);
  const parentOf = uncurry(getOwnPropertyDescriptor(Node.prototype, "parentElement").get);
  const childrenOf = uncurry(getOwnPropertyDescriptor(Element.prototype, "children").get);
  const textOf = uncurry(getOwnPropertyDescriptor(Node.prototype, "textContent").get);
  const toLower = uncurry(String.prototype.toLowerCase);
  const trim = uncurry(String.prototype.trim);
  const replace = uncurry(String.prototype.replace);
  const join = uncurry(Array.prototype.join);
  const unshift = uncurry(Array.prototype.unshift);
  const test = uncurry(RegExp.prototype.test);
  const escape =
    typeof CSS !== "undefined" && typeof CSS.escape === "function"
      ? CSS.escape
      : (text) => replace(text, /[^a-zA-Z0-9_-]/g, (c) => "\\" + c);
  const submitterOf = (() => {
    const d =
      typeof SubmitEvent === "function" ? getOwnPropertyDescriptor(SubmitEvent.prototype, "submitter") : null;
    return d && d.get ? uncurry(d.get) : () => null;
  })();

  const lower = (text) => (typeof text === "string" ? toLower(text) : "");
  const attr = (el, name) => {
    const v = getAttribute(el, name);
    return typeof v === "string" ? v : "";
  };
  const short = (text, max) => {
    const clean = trim(replace(typeof text === "string" ? text : "", /\s+/g, " "));
    return clean.length > max ? strSlice(clean, 0, max - 1) + "…" : clean;
  };

  function unique(selector) {
    try {
      return querySelectorAll(document, selector).length === 1;
    } catch (_) {
      return false;
    }
  }

  // The id, then name / test id / accessible label, then a short path of tags from the nearest
  // ancestor with an id.
  function selectorFor(el) {
    const tag = lower(tagNameOf(el));
    const id = attr(el, "id");
    if (id && unique("#" + escape(id))) return "#" + escape(id);
    const names = ["name", "data-testid", "data-test-id", "data-test", "aria-label"];
    for (let i = 0; i < names.length; i++) {
      const v = attr(el, names[i]);
      if (!v || v.length > 100) continue;
      const s = tag + "[" + names[i] + '="' + escape(v) + '"]';
      if (unique(s)) return s;
    }
    const parts = [];
    let node = el;
    for (let depth = 0; node && depth < 6; depth++) {
      const t = lower(tagNameOf(node));
      if (t === "html") break;
      const nodeId = attr(node, "id");
      if (depth > 0 && nodeId && unique("#" + escape(nodeId))) {
        unshift(parts, "#" + escape(nodeId));
        break;
      }
      let part = t;
      const parent = parentOf(node);
      if (parent) {
        const siblings = childrenOf(parent);
        let same = 0;
        let position = 0;
        for (let i = 0; i < siblings.length; i++) {
          if (lower(tagNameOf(siblings[i])) === t) {
            same += 1;
            if (siblings[i] === node) position = same;
          }
        }
        if (same > 1) part += ":nth-of-type(" + numberToString(position) + ")";
      }
      unshift(parts, part);
      node = parent;
    }
    const path = join(parts, " > ");
    return path.length > MAX_SELECTOR ? strSlice(path, 0, MAX_SELECTOR) : path;
  }

  function kindOf(el) {
    const tag = lower(tagNameOf(el));
    const type = lower(attr(el, "type"));
    const role = lower(attr(el, "role"));
    if (tag === "a" || role === "link") return "link";
    if (tag === "button" || role === "button") return "button";
    if (tag === "input" && (type === "submit" || type === "button" || type === "image" || type === "reset"))
      return "button";
    if (tag === "input" && type === "checkbox") return "checkbox";
    if (tag === "input" && type === "radio") return "radio button";
    if (tag === "input" || tag === "select" || tag === "textarea") return "field";
    if (tag === "form") return "form";
    return "element";
  }

  function visibleText(el) {
    const tag = lower(tagNameOf(el));
    let text = "";
    if (tag === "input") text = attr(el, "value") || attr(el, "aria-label") || attr(el, "placeholder");
    else if (tag !== "form") text = textOf(el) || attr(el, "aria-label") || attr(el, "title");
    return short(text, MAX_TEXT);
  }

  function target(el) {
    return { selector: selectorFor(el), element: kindOf(el), text: visibleText(el) };
  }

  function send(step) {
    let text;
    try {
      text = stringify(step);
    } catch (_) {
      return;
    }
    emit("step", { step: text, page: cut(locationHref()) });
  }

  function formOf(el) {
    try {
      return el.form || closest(el, "form");
    } catch (_) {
      return null;
    }
  }

  addEventListener(
    window,
    "click",
    (event) => {
      if (!event.isTrusted) return;
      let el = eventTarget(event);
      if (!el || !(el instanceof ElementCtor)) return;
      const clickable = closest(el, CLICKABLE);
      if (clickable) el = clickable;
      const tag = lower(tagNameOf(el));
      const type = lower(attr(el, "type"));
      const inForm = formOf(el) !== null;
      // Typing and ticking inside a form is kept with the form when it is sent; a button that
      // sends the form is its submitter.
      if (tag === "label" && inForm) return;
      if (tag === "select" || tag === "textarea") return;
      if (tag === "input") {
        const pressable = type === "button" || type === "reset" || type === "submit" || type === "image";
        const tickable = type === "checkbox" || type === "radio";
        if (!pressable && !(tickable && !inForm)) return;
        if ((type === "submit" || type === "image") && inForm) return;
      }
      if (tag === "button" && (type === "" || type === "submit") && inForm) return;
      send({ kind: "click", page_url: cut(locationHref()), target: target(el) });
    },
    true,
  );

  function sensitive(el, value) {
    const type = lower(attr(el, "type"));
    if (type === "password") return true;
    const hints =
      attr(el, "autocomplete") + " " + attr(el, "name") + " " + attr(el, "id") + " " +
      attr(el, "placeholder") + " " + attr(el, "aria-label");
    if (test(/\bcc-|current-password|new-password|one-time-code/i, hints)) return true;
    if (test(SENSITIVE_NAME, hints)) return true;
    // A number that looks like a payment card (13 to 19 digits passing the Luhn check).
    const digits = replace(typeof value === "string" ? value : "", /[\s-]/g, "");
    if (test(/^\d{13,19}$/, digits)) {
      let sum = 0;
      for (let i = 0; i < digits.length; i++) {
        let d = charCodeAt(digits, digits.length - 1 - i) - 48;
        if (i % 2 === 1) {
          d *= 2;
          if (d > 9) d -= 9;
        }
        sum += d;
      }
      if (sum % 10 === 0) return true;
    }
    return false;
  }

  function labelOf(el) {
    let label = "";
    try {
      const labels = el.labels;
      if (labels && labels.length) label = textOf(labels[0]);
    } catch (_) {
      label = "";
    }
    return short(label || attr(el, "aria-label") || attr(el, "placeholder") || attr(el, "name") || attr(el, "id"), MAX_TEXT);
  }

  // The fields the visitor changed, in page order.
  function fieldsOf(form) {
    const fields = [];
    let elements;
    try {
      elements = form.elements;
    } catch (_) {
      return fields;
    }
    for (let i = 0; i < elements.length && fields.length < MAX_FIELDS; i++) {
      const el = elements[i];
      const tag = lower(tagNameOf(el));
      const type = lower(attr(el, "type"));
      if (tag !== "input" && tag !== "select" && tag !== "textarea") continue;
      if (el.disabled) continue;
      if (tag === "input" && test(/^(hidden|submit|button|reset|image|file)$/, type)) continue;
      const field = { selector: selectorFor(el), label: labelOf(el) };
      if (type === "checkbox" || type === "radio") {
        if (el.checked === el.defaultChecked) continue;
        field.checked = !!el.checked;
      } else if (tag === "select") {
        let changed = false;
        for (let j = 0; j < el.options.length; j++) {
          if (el.options[j].selected !== el.options[j].defaultSelected) changed = true;
        }
        if (!changed) continue;
        field.value = strSlice(String(el.value), 0, MAX_VALUE);
      } else {
        const value = el.value;
        if (typeof value !== "string" || value === el.defaultValue) continue;
        if (sensitive(el, value)) field.skipped = "sensitive";
        else field.value = strSlice(value, 0, MAX_VALUE);
      }
      push(fields, field);
    }
    return fields;
  }

  addEventListener(
    window,
    "submit",
    (event) => {
      if (!event.isTrusted) return;
      const form = eventTarget(event);
      if (!form || !(form instanceof ElementCtor)) return;
      const step = {
        kind: "submit",
        page_url: cut(locationHref()),
        target: target(form),
        fields: fieldsOf(form),
      };
      const submitter = submitterOf(event);
      if (submitter && submitter instanceof ElementCtor) step.submitter = selectorFor(submitter);
      send(step);
    },
    true,
  );
})();
