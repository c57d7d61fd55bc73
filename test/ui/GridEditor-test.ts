// @vitest-environment jsdom
import {describe, expect, it} from "vitest";
import {GridEditor} from "../../src/components/ui/GridEditor.js";

const rows = [
  {factors: 50, bs: 256, epochs: 3},
  {factors: 20, bs: 64, epochs: 5}
];

describe("GridEditor(rows, {resetLabel})", () => {
  it("draws one labelled row of inputs per run", () => {
    expect(GridEditor(rows, {resetLabel: "The notebook's five"}).outerHTML).toMatchSnapshot();
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
