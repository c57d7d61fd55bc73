import type {EpochRow} from "./buildModel.js";

/** Formats seconds as fastai does in its training table: mm:ss. */
export function formatTime(seconds: number): string {
  const s = Math.round(seconds);
  return `${String(Math.floor(s / 60)).padStart(2, "0")}:${String(s % 60).padStart(2, "0")}`;
}

/** The fastai-style training table: epoch, train_loss, valid_loss, time; one row per finished epoch. */
export function EpochTable(rows: readonly EpochRow[], {caption}: {caption?: string} = {}): HTMLTableElement {
  const table = document.createElement("table");
  table.className = "epoch-table";
  if (caption) table.createCaption().textContent = caption;
  const head = table.createTHead().insertRow();
  for (const name of ["epoch", "train_loss", "valid_loss", "time"]) head.appendChild(document.createElement("th")).textContent = name;
  const body = table.createTBody();
  for (const row of rows) {
    const tr = body.insertRow();
    for (const text of [String(row.epoch), row.trainLoss.toFixed(6), row.validLoss.toFixed(6), formatTime(row.seconds)]) tr.insertCell().textContent = text;
  }
  if (rows.length === 0) {
    const cell = body.insertRow().insertCell();
    cell.colSpan = 4;
    cell.className = "empty";
    cell.textContent = "No epoch finished yet.";
  }
  return table;
}
