import type {CheckpointInfo} from "../browser/workbookStore.js";
import {textRow, textTable} from "./textTable.js";

/** Callbacks for a checkpoint's buttons, each given the checkpoint's id. */
export interface CheckpointActions {
  onLoad?: (id: number) => void;
  onDownload?: (id: number) => void;
  onDelete?: (id: number) => void;
  /** The checkpoints are kept in the page's memory (the browser keeps none): they are said to be, never saved. */
  pageOnly?: boolean;
}

/**
 * A table of saved checkpoints (name, hyperparameters, date, dataset, final valid loss) with Load,
 * Download and Delete buttons.
 */
export function CheckpointList(
  checkpoints: readonly CheckpointInfo[],
  {onLoad, onDownload, onDelete, pageOnly = false}: CheckpointActions = {}
): HTMLElement {
  if (checkpoints.length === 0) {
    const p = document.createElement("p");
    p.className = "checkpoint-list empty";
    p.textContent = pageOnly ? "No checkpoints in this page yet." : "No saved checkpoints yet.";
    return p;
  }
  const kept = pageOnly ? "Added (this page only)" : "Saved";
  const headers = ["Name", "n_factors", "bs", "Epochs", "valid_loss", kept, "Dataset", ""];
  const {table, body} = textTable("checkpoint-list", headers);
  for (const c of [...checkpoints].sort((a, b) => b.savedAt.localeCompare(a.savedAt))) {
    const tr = textRow(body, [
      c.name,
      String(c.hyper.factors),
      String(c.hyper.bs),
      String(c.epochs),
      c.validLoss?.toFixed(4) ?? "–",
      new Date(c.savedAt).toLocaleString(),
      c.dataset
    ]);
    tr.dataset.id = String(c.id);
    // Each cell names its column, which a phone's stacked layout shows in place of the header (style.css).
    for (const [i, td] of [...tr.cells].entries()) td.dataset.label = headers[i];
    const size = `${(c.bytes / 1e6).toFixed(1)} MB`;
    const actions = tr.insertCell();
    actions.className = "actions";
    for (const [label, action, title] of [
      ["Load + train", onLoad, "Load this checkpoint and train more epochs"],
      ["Download", onDownload, `Download (${size})`],
      ["Delete", onDelete, "Delete from this browser"]
    ] as const) {
      if (!action) continue;
      const button = actions.appendChild(document.createElement("button"));
      button.textContent = label;
      button.title = title;
      // The accessible name says which checkpoint it acts on, as the row shows it to a sighted reader.
      button.setAttribute("aria-label", `${label} “${c.name}”`);
      button.addEventListener("click", () => action(c.id!));
    }
  }
  return table;
}
