import {html} from "htl";

/**
 * A template for Inputs.form: each input in a `div.field` (with `data-field` its key) above a `p.input-error` line,
 * with role alert, where showFieldErrors writes why its value is refused. Returns the `div.hyper-form` around them.
 */
export function FieldsWithErrors(inputs: Record<string, Element>): HTMLDivElement {
  return html`<div class="hyper-form">${Object.entries(inputs).map(([key, input]) => html`<div class="field" data-field=${key}>${input}<p class="input-error" role="alert"></p></div>`)}</div>` as HTMLDivElement;
}

/** Writes each field's error (or nothing, for a field not in `errors`) in its line of a FieldsWithErrors form. */
export function showFieldErrors(form: Element, errors: Partial<Record<string, string>>): void {
  for (const field of form.querySelectorAll<HTMLElement>(".field"))
    field.querySelector(".input-error")!.textContent = errors[field.dataset.field!] ?? "";
}
