import type {Recommendation} from "../model/recommend.js";
import {STARS} from "./ratingQueue.js";
import {textRow, textTable} from "./textTable.js";

/**
 * The top-N table: rank, movie id, title, year, genres, predicted rating, with an "I've seen it" rating for each
 * row. Titles and genres are data, so they are set as text, never parsed as HTML. With no rows it says `empty`.
 */
export function RecommendationTable(rows: readonly Recommendation[], {onRate, highlight, empty = "No movie passes these filters."}: {onRate?: (movieId: number, rating: number) => void; highlight?: ReadonlySet<number>; empty?: string} = {}): HTMLElement {
  if (rows.length === 0) {
    const p = document.createElement("p");
    p.className = "recommendations empty";
    p.textContent = empty;
    return p;
  }
  const {table, body} = textTable("recommendations", ["#", "MovieID", "Title", "Year", "Genres", "Predicted", ...(onRate ? ["I've seen it"] : [])]);
  // Each column is named, so that a narrow screen can fold some away (style.css) instead of scrolling sideways.
  const columns = ["rank", "movie-id", "title", "year", "genres", "predicted", "seen-it"];
  const name = (tr: HTMLTableRowElement) => [...tr.cells].forEach((cell, i) => (cell.className = `col-${columns[i]}`));
  name(table.tHead!.rows[0]);
  for (const r of rows) {
    const tr = textRow(body, [String(r.rank), String(r.movieId), r.title, String(r.year ?? ""), r.genres.join(", "), r.predicted.toFixed(2)]);
    tr.dataset.movieId = String(r.movieId);
    if (highlight?.has(r.movieId)) tr.className = "shared";
    if (onRate) {
      const select = tr.insertCell().appendChild(document.createElement("select"));
      select.className = "seen-it";
      select.setAttribute("aria-label", `I've seen ${r.title}: my rating`);
      select.append(new Option("Rate…", ""), ...STARS.map((s) => new Option(`${s}★`, String(s))));
      select.addEventListener("change", () => select.value && onRate(r.movieId, +select.value));
    }
    name(tr);
    // On a narrow screen the year and genres fold under the title (style.css), as one line of small text.
    const title = tr.cells[2];
    const extra = title.appendChild(document.createElement("span"));
    extra.className = "title-extra";
    extra.textContent = [r.year ?? "", r.genres.join(", ")].filter(Boolean).join(" · ");
  }
  return table;
}
