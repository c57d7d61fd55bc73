// @vitest-environment jsdom
import {describe, expect, it} from "vitest";
import {FileField} from "../../src/components/page/FileField.js";

/** Chooses a file named `name` in the field, as a person does. */
function choose(field: HTMLElement, name: string) {
  const input = field.querySelector<HTMLInputElement>("input[type=file]")!;
  Object.defineProperty(input, "files", {value: [new File([""], name)], configurable: true});
  input.dispatchEvent(new Event("input", {bubbles: true}));
}
const settle = () => new Promise((resolve) => setTimeout(resolve, 30));

describe("FileField({label, accept, className}, act)", () => {
  it("acts on each file chosen, in the order chosen, and shows what the last one gave, in a live region", async () => {
    const acted: string[] = [];
    const field = FileField({label: "Import a file", accept: ".dat", className: "import-form"}, async (file) => {
      // The first file takes longer: the second still waits for it.
      await new Promise((resolve) => setTimeout(resolve, file.name === "a.dat" ? 15 : 1));
      acted.push(file.name);
      return Object.assign(document.createElement("p"), {textContent: `Read ${file.name}.`});
    });
    expect(field.className).toBe("import-form");
    expect(field.querySelector("label")!.textContent).toBe("Import a file");
    expect(field.querySelector("input")!.getAttribute("accept")).toBe(".dat");
    const result = field.querySelector(".file-result")!;
    expect([result.getAttribute("role"), result.textContent]).toEqual(["status", ""]);
    choose(field, "a.dat");
    choose(field, "b.dat");
    await settle();
    expect(acted).toEqual(["a.dat", "b.dat"]);
    expect([...result.children].map((c) => c.textContent)).toEqual(["Read b.dat."]);
  });
});
