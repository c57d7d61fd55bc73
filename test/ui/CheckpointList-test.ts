// @vitest-environment jsdom
import {describe, expect, it} from "vitest";
import type {CheckpointInfo} from "../../src/components/browser/workbookStore.js";
import {CheckpointList} from "../../src/components/ui/CheckpointList.js";

const hyper = {factors: 50, bs: 64, epochs: 5, lrMax: 5e-3, wd: 0.1, seed: 42};
const older: CheckpointInfo = {
  id: 1,
  name: "first",
  savedAt: "2024-01-01T10:00:00.000Z",
  dataset: "MovieLens 10M",
  hyper,
  epochs: 5,
  validLoss: 0.81234,
  bytes: 2_345_678
};
const newer: CheckpointInfo = {
  id: 2,
  name: "<b>second</b>",
  savedAt: "2024-02-01T10:00:00.000Z",
  dataset: "Synthetic",
  hyper: {...hyper, factors: 8, bs: 1024},
  epochs: 1,
  validLoss: null,
  bytes: 50_000
};
const cells = (tr: HTMLTableRowElement) => [...tr.cells].map((c) => c.textContent);

describe("CheckpointList(checkpoints, {onLoad, onDownload, onDelete})", () => {
  it("says there are none yet, instead of an empty table", () => {
    expect(CheckpointList([]).outerHTML).toBe('<p class="checkpoint-list empty">No saved checkpoints yet.</p>');
  });

  it("calls checkpoints kept in the page's memory what they are, never saved", () => {
    expect(CheckpointList([], {pageOnly: true}).textContent).toBe("No checkpoints in this page yet.");
    const table = CheckpointList([older], {pageOnly: true}) as HTMLTableElement;
    expect(cells(table.tHead!.rows[0])[5]).toBe("Added (this page only)");
    expect(table.textContent).not.toMatch(/saved/i);
  });

  it("lists checkpoints newest first, with their hyperparameters, epochs, valid loss, date and dataset", () => {
    const table = CheckpointList([older, newer]) as HTMLTableElement;
    expect(table.className).toBe("checkpoint-list");
    expect(cells(table.tHead!.rows[0])).toEqual([
      "Name",
      "n_factors",
      "bs",
      "Epochs",
      "valid_loss",
      "Saved",
      "Dataset",
      ""
    ]);
    const rows = [...table.tBodies[0].rows];
    expect(rows.map((tr) => tr.dataset.id)).toEqual(["2", "1"]);
    expect(cells(rows[0])).toEqual([
      "<b>second</b>",
      "8",
      "1024",
      "1",
      "–",
      new Date(newer.savedAt).toLocaleString(),
      "Synthetic",
      ""
    ]);
    expect(cells(rows[1])).toEqual([
      "first",
      "50",
      "64",
      "5",
      "0.8123",
      new Date(older.savedAt).toLocaleString(),
      "MovieLens 10M",
      ""
    ]);
    expect(table.querySelector("b")).toBeNull();
  });

  it("shows only the buttons it has actions for", () => {
    const table = CheckpointList([older]);
    expect(table.querySelectorAll("button")).toHaveLength(0);
    const some = CheckpointList([older], {onDownload: () => {}});
    expect([...some.querySelectorAll("button")].map((b) => [b.textContent, b.title])).toEqual([
      ["Download", "Download (2.3 MB)"]
    ]);
  });

  it("calls each action with the checkpoint's id", () => {
    const calls: [string, number][] = [];
    const table = CheckpointList([older, newer], {
      onLoad: (id) => calls.push(["load", id]),
      onDownload: (id) => calls.push(["download", id]),
      onDelete: (id) => calls.push(["delete", id])
    });
    const row = table.querySelector<HTMLTableRowElement>('tr[data-id="1"]')!;
    const buttons = [...row.querySelectorAll("td.actions button")] as HTMLButtonElement[];
    expect(buttons.map((b) => b.textContent)).toEqual(["Load + train", "Download", "Delete"]);
    // Each button's accessible name says which checkpoint it acts on.
    expect(buttons.map((b) => b.getAttribute("aria-label"))).toEqual([
      "Load + train “first”",
      "Download “first”",
      "Delete “first”"
    ]);
    for (const b of buttons) b.click();
    table.querySelector<HTMLButtonElement>('tr[data-id="2"] button')!.click();
    expect(calls).toEqual([
      ["load", 1],
      ["download", 1],
      ["delete", 1],
      ["load", 2]
    ]);
  });

  it("does not reorder the array it is given", () => {
    const list = [older, newer];
    CheckpointList(list);
    expect(list).toEqual([older, newer]);
  });
});
