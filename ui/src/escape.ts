// When Esc means "go back": only when nothing else on screen uses the key. An open dialog or menu
// closes itself on Esc, and a text field keeps Esc for its own editing (clearing, leaving a
// rename), so the window leaves all of those alone.

const OPEN_LAYER = '[role="dialog"], [role="alertdialog"], dialog[open], [role="menu"], [role="listbox"], [aria-haspopup][aria-expanded="true"]';

const TEXT_ENTRY = [
  "textarea",
  "select",
  '[contenteditable]:not([contenteditable="false"])',
  '[role="textbox"]',
  '[role="combobox"]',
  '[role="menu"]',
  // Inputs where the user types; a checkbox or a button with the focus does not take Esc.
  'input:not([type="checkbox"]):not([type="radio"]):not([type="button"]):not([type="submit"]):not([type="reset"]):not([type="file"]):not([type="range"]):not([type="color"])',
].join(", ");

/** Whether this Esc press belongs to a dialog, a menu or a text field rather than to the window. */
export function escapeIsTaken(e: KeyboardEvent): boolean {
  if (e.defaultPrevented) return true;
  if (document.querySelector(OPEN_LAYER)) return true;
  const focused = document.activeElement;
  return focused instanceof Element && focused.closest(TEXT_ENTRY) !== null;
}
