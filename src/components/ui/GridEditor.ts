import {html} from "htl";
import type {GridRow} from "../browser/experimentGrid.js";
import {BATCH_SIZES} from "../model/trainSettings.js";
import {TRAIN_DEFAULTS} from "../trainDefaults.js";

/** The editor's element: a view whose `value` is the grid's rows as typed (see GridEditor). */
export type GridEditorElement = HTMLElement & {value: GridRow[]};

/**
 * A small editable table of runs for the experiment grid: per row n_factors and epochs as typed (text, checked later by
 * checkGrid) and a batch size from BATCH_SIZES, a "Remove" button per row, and "Add a run" (a copy of the last row)
 * and `resetLabel` buttons (the latter brings back `rows`). Follows the view contract: `.value` gets and sets the rows,
 * and every edit fires a bubbling `input` event. Every input has a label naming its run.
 */
export function GridEditor(
  rows: readonly GridRow[],
  {resetLabel = "Reset"}: {resetLabel?: string} = {}
): GridEditorElement {
  const body = html`<tbody></tbody>`;
  const addButton = html`<button type="button" class="add-run">Add a run</button>`;
  const resetButton = html`<button type="button" class="reset-grid">${resetLabel}</button>`;
  const root = html`<div class="grid-editor">
    <table>
      <thead><tr><th>Run</th><th>n_factors</th><th>Batch size</th><th>Epochs</th><th></th></tr></thead>
      ${body}
    </table>
    <div class="grid-editor-actions">${addButton} ${resetButton}</div>
  </div>` as GridEditorElement;
  const changed = () => root.dispatchEvent(new Event("input", {bubbles: true}));
  const addRow = (row: GridRow) => {
    const n = body.children.length + 1;
    const text = (name: string, label: string, value: string | number) =>
      html`<input type="text" inputmode="numeric" size="4" class=${name}
        aria-label=${`Run ${n}: ${label}`} value=${String(value)}>`;
    const options = BATCH_SIZES.map((b) => html`<option value=${String(b)} selected=${b === row.bs}>${b}</option>`);
    const bs = html`<select class="bs" aria-label=${`Run ${n}: batch size`}>${options}</select>`;
    const remove = html`<button type="button" class="remove-run" aria-label=${`Remove run ${n}`}>Remove</button>`;
    const factors = text("factors", "n_factors", row.factors);
    const epochs = text("epochs", "epochs", row.epochs);
    const tr = body.appendChild(
      html`<tr><td>${n}</td><td>${factors}</td><td>${bs}</td><td>${epochs}</td><td>${remove}</td></tr>`
    );
    remove.addEventListener("click", () => {
      const rest = read().filter((_, i) => i !== [...body.children].indexOf(tr));
      set(rest);
      changed();
    });
  };
  const read = (): GridRow[] =>
    [...body.querySelectorAll("tr")].map((tr) => ({
      factors: tr.querySelector<HTMLInputElement>("input.factors")!.value,
      bs: +tr.querySelector<HTMLSelectElement>("select.bs")!.value,
      epochs: tr.querySelector<HTMLInputElement>("input.epochs")!.value
    }));
  const set = (next: readonly GridRow[]) => {
    body.replaceChildren();
    next.forEach(addRow);
  };
  set(rows);
  // Typing and choosing fire the inputs' own bubbling `input` events; adding, removing and resetting fire one here.
  root
    .querySelector(".add-run")!
    .addEventListener("click", () => (addRow(read().at(-1) ?? rows[0] ?? TRAIN_DEFAULTS), changed()));
  root.querySelector(".reset-grid")!.addEventListener("click", () => (set(rows), changed()));
  return Object.defineProperty(root, "value", {get: read, set}) as GridEditorElement;
}
