// @vitest-environment jsdom
import {describe, expect, it} from "vitest";
import {GridEditor} from "../../src/components/ui/GridEditor.js";

const rows = [
  {factors: 50, bs: 256, epochs: 3},
  {factors: 20, bs: 64, epochs: 5}
];

describe("GridEditor(rows, {resetLabel})", () => {
  it("draws one labelled row of inputs per run", () => {
    const editor = GridEditor(rows, {resetLabel: "The notebook's five"});
    const texts = (selector: string) => [...editor.querySelectorAll(selector)].map((e) => e.textContent);
    expect(texts("thead th")).toEqual(["Run", "n_factors", "Batch size", "Epochs", ""]);
    expect(editor.querySelectorAll("tbody tr")).toHaveLength(2);
    expect(texts("tbody tr td:first-child")).toEqual(["1", "2"]);
    const field = (label: string) =>
      editor.querySelector<HTMLInputElement | HTMLSelectElement>(`[aria-label="${label}"]`)!;
    expect(["Run 1: n_factors", "Run 1: batch size", "Run 1: epochs"].map((l) => field(l).value)).toEqual([
      "50",
      "256",
      "3"
    ]);
    expect(["Run 2: n_factors", "Run 2: batch size", "Run 2: epochs"].map((l) => field(l).value)).toEqual([
      "20",
      "64",
      "5"
    ]);
    expect(
      [...editor.querySelectorAll("button")].map((b) => [b.textContent, b.getAttribute("aria-label"), b.disabled])
    ).toEqual([
      ["Remove", "Remove run 1", false],
      ["Remove", "Remove run 2", false],
      ["Add a run", null, false],
      ["The notebook's five", null, false]
    ]);
    expect(editor.outerHTML).toMatchSnapshot();
  });

  it("reads what is typed and chosen, as typed, and fires a bubbling input event on each edit", () => {
    const editor = GridEditor(rows);
    let events = 0;
    document.body.append(editor);
    document.body.addEventListener("input", () => ++events);
    const factors = editor.querySelector<HTMLInputElement>('input[aria-label="Run 2: n_factors"]')!;
    factors.value = "8";
    factors.dispatchEvent(new Event("input", {bubbles: true}));
    editor.querySelector<HTMLSelectElement>('select[aria-label="Run 1: batch size"]')!.value = "1024";
    expect(editor.value).toEqual(
      [
        {factors: 50, bs: 1024, epochs: "3"},
        {factors: "8", bs: 64, epochs: "5"}
      ].map((r) => ({...r, factors: String(r.factors)}))
    );
    editor.querySelector<HTMLButtonElement>("button.add-run")!.click();
    expect(editor.value).toHaveLength(3);
    expect(editor.value[2]).toEqual({factors: "8", bs: 64, epochs: "5"});
    editor.querySelector<HTMLButtonElement>('button[aria-label="Remove run 1"]')!.click();
    expect(editor.value.map((r) => r.factors)).toEqual(["8", "8"]);
    expect(editor.querySelector('input[aria-label="Run 1: n_factors"]')).not.toBeNull();
    editor.querySelector<HTMLButtonElement>("button.reset-grid")!.click();
    expect(editor.value).toEqual(rows.map((r) => ({...r, factors: String(r.factors), epochs: String(r.epochs)})));
    expect(events).toBe(4);
    editor.remove();
  });

  it("sets its rows through .value", () => {
    const editor = GridEditor(rows);
    editor.value = [{factors: 4, bs: 64, epochs: 1}];
    expect(editor.value).toEqual([{factors: "4", bs: 64, epochs: "1"}]);
  });
});
