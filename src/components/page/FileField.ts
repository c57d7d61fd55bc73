import * as Inputs from "@observablehq/inputs";
import type {LocalFile} from "@observablehq/inputs";
import {Nothing} from "../ui/Nothing.js";

/**
 * A file field that acts on each file chosen (`act`), one after another in the order chosen (a second file waits for
 * the first), and shows under itself what `act` returns for the last one, in a polite live region, so that a screen
 * reader hears it too. Every file field of the workbook's pages is one: import my_ratings.dat, upload a checkpoint,
 * import run cards.
 */
export function FileField(
  {label, accept, className}: {label: string; accept: string; className: string},
  act: (file: LocalFile) => Promise<HTMLElement>
): HTMLElement {
  const input = Inputs.file({label, accept});
  const result = document.createElement("div");
  result.className = "file-result";
  result.setAttribute("role", "status");
  result.append(Nothing());
  const form = document.createElement("div");
  form.className = className;
  form.append(input, result);
  let last = Promise.resolve();
  input.addEventListener("input", () => {
    const file = input.value;
    if (file) last = last.then(async () => result.replaceChildren(await act(file)));
  });
  return form;
}
