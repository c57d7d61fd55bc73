/**
 * Gives an element a `value` read by `read` each time it is asked: how a view made of several inputs (or none)
 * becomes one Framework `view`, which reads `value` at each "input" event that bubbles up from the inputs inside.
 */
export function withValue<E extends HTMLElement, T>(element: E, read: () => T): E & {value: T} {
  Object.defineProperty(element, "value", {get: read});
  return element as E & {value: T};
}

/**
 * A control and its note in one element, for a page's `view`: its value is the control's, or `otherwise` where there
 * is no control (the note says why, or is Nothing).
 */
export function ControlWithNote<T>(
  control: (HTMLElement & {value: unknown}) | null,
  note: HTMLElement,
  otherwise: T
): HTMLElement & {value: T} {
  const root = document.createElement("div");
  root.className = "control-with-note";
  root.append(...(control ? [control] : []), note);
  return withValue(root, () => (control ? (control.value as T) : otherwise));
}
