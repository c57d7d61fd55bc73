import {html} from "htl";

/**
 * A template for Inputs.form: each input in a `div.field` (with `data-field` its key) above a `p.input-error` line,
 * with role alert, where showFieldErrors writes why its value is refused. Returns the `div.hyper-form` around them.
 */
export function FieldsWithErrors(inputs: Record<string, Element>): HTMLDivElement {
  const field = ([key, input]: [string, Element]) =>
    html`<div class="field" data-field=${key}>${input}<p class="input-error" role="alert"></p></div>`;
  return html`<div class="hyper-form">${Object.entries(inputs).map(field)}</div>` as HTMLDivElement;
}

/** Writes each field's error (or nothing, for a field not in `errors`) in its line of a FieldsWithErrors form. */
export function showFieldErrors(form: Element, errors: Partial<Record<string, string>>): void {
  for (const field of form.querySelectorAll<HTMLElement>(".field"))
    field.querySelector(".input-error")!.textContent = errors[field.dataset.field!] ?? "";
}
