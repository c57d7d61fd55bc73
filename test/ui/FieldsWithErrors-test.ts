// @vitest-environment jsdom
import {describe, expect, it} from "vitest";
import {FieldsWithErrors, showFieldErrors} from "../../src/components/ui/FieldsWithErrors.js";

const input = (label: string) => Object.assign(document.createElement("label"), {textContent: label});

describe("FieldsWithErrors(inputs)", () => {
  it("puts each input in a field, keyed by its name, above an alert line for its error", () => {
    const form = FieldsWithErrors({factors: input("n_factors"), epochs: input("Epochs")});
    expect(form.outerHTML).toMatchSnapshot();
    expect([...form.querySelectorAll<HTMLElement>(".field")].map((f) => f.dataset.field)).toEqual([
      "factors",
      "epochs"
    ]);
    expect(form.querySelectorAll('.field > p.input-error[role="alert"]').length).toBe(2);
  });
});

describe("showFieldErrors(form, errors)", () => {
  it("writes each field's error under it, and clears the fields without one", () => {
    const form = FieldsWithErrors({factors: input("n_factors"), epochs: input("Epochs")});
    const error = (key: string) => form.querySelector(`.field[data-field="${key}"] .input-error`)!.textContent;
    showFieldErrors(form, {factors: "n_factors is empty.", epochs: "Epochs must be a whole number."});
    expect([error("factors"), error("epochs")]).toEqual(["n_factors is empty.", "Epochs must be a whole number."]);
    showFieldErrors(form, {epochs: "Epochs must be a whole number."});
    expect([error("factors"), error("epochs")]).toEqual(["", "Epochs must be a whole number."]);
  });
});
