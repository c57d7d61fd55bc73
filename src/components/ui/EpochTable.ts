import type {EpochRow} from "../engine/trainProtocol.js";
import {emptyRow, textRow, textTable} from "./textTable.js";

/** Formats seconds as fastai does in its training table: mm:ss. */
export function formatTime(seconds: number): string {
  const s = Math.round(seconds);
  return `${String(Math.floor(s / 60)).padStart(2, "0")}:${String(s % 60).padStart(2, "0")}`;
}

/** The fastai-style training table: epoch, train_loss, valid_loss, time; one row per finished epoch. */
export function EpochTable(rows: readonly EpochRow[], {caption}: {caption?: string} = {}): HTMLTableElement {
  const {table, body} = textTable("epoch-table", ["epoch", "train_loss", "valid_loss", "time"]);
  if (caption) table.createCaption().textContent = caption;
  for (const row of rows)
    textRow(body, [String(row.epoch), row.trainLoss.toFixed(6), row.validLoss.toFixed(6), formatTime(row.seconds)]);
  if (rows.length === 0) emptyRow(body, 4, "No epoch finished yet.");
  return table;
}
