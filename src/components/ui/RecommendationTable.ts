import type {Recommendation} from "../model/recommend.js";
import {onChosen} from "./onChosen.js";
import {STARS} from "./ratingQueue.js";
import {textRow, textTable} from "./textTable.js";

/** What `explain` adds to the table: a "Why?" disclosure per row, which opens the row's breakdown in a row below it. */
export interface ExplainOptions {
  /** The breakdown of a row (e.g. PredictionBreakdown), built when the row is first opened. */
  explain?: (row: Recommendation) => Node;
  /** Movie ids whose breakdowns start open, so that a page can keep them open when the table is drawn again. */
  expanded?: ReadonlySet<number>;
  /** Called when a person opens or closes a row's breakdown. */
  onToggle?: (movieId: number, open: boolean) => void;
  /**
   * What the breakdown explains, for the button's accessible name: the predicted rating (the default: "Why 4.57 for
   * Heat?"), or the row's place in a list that another score ordered ("Why is Heat on my list?").
   */
  explains?: "prediction" | "place";
}

/**
 * The top-N table: rank, title, year, genres, how many ratings the movie has and their mean, predicted rating, with
 * an "I've seen it" rating for each row (the movie id is the row's `data-movie-id`, not a column). Titles and genres
 * are data, so they are set as text, never parsed as HTML. With no rows it says `empty`. With `explain`, each
 * predicted rating gets a "Why?" button (ExplainOptions). With `predicted: false` the table has no predicted column
 * (a list no model ranked, such as the most popular movies).
 */
export function RecommendationTable(
  rows: readonly Recommendation[],
  {
    onRate,
    highlight,
    empty = "No movie passes these filters.",
    predicted = true,
    stars = STARS,
    ...why
  }: {
    onRate?: (movieId: number, rating: number) => void;
    /** The ratings "I've seen it" offers: the release's own scale (starsFor), half stars by default. */
    stars?: readonly number[];
    highlight?: ReadonlySet<number>;
    empty?: string;
    predicted?: boolean;
  } & ExplainOptions = {}
): HTMLElement {
  if (rows.length === 0) {
    const p = document.createElement("p");
    p.className = "recommendations empty";
    p.textContent = empty;
    return p;
  }
  // Each column is named (its class), so that a narrow screen can fold some away (style.css) instead of scrolling.
  const columns: [name: string, header: string][] = [
    ["rank", "#"],
    ["title", "Title"],
    ["year", "Year"],
    ["genres", "Genres"],
    ["ratings", "Ratings"],
    ["mean", "Mean"],
    ...(predicted ? [["predicted", "Predicted"] as [string, string]] : []),
    ...(onRate ? [["seen-it", "I've seen it"] as [string, string]] : [])
  ];
  const {table, body} = textTable(
    "recommendations",
    columns.map(([, header]) => header)
  );
  const name = (tr: HTMLTableRowElement) =>
    [...tr.cells].forEach((cell, i) => (cell.className = `col-${columns[i][0]}`));
  name(table.tHead!.rows[0]);
  for (const r of rows) {
    const tr = textRow(body, [
      String(r.rank),
      r.title,
      String(r.year ?? ""),
      r.genres.join(", "),
      r.ratings.toLocaleString("en-US"),
      r.mean === null ? "" : `${r.mean.toFixed(2)}★`,
      ...(predicted ? [r.predicted.toFixed(2)] : [])
    ]);
    tr.dataset.movieId = String(r.movieId);
    if (highlight?.has(r.movieId)) tr.className = "shared";
    if (onRate) {
      const select = tr.insertCell().appendChild(document.createElement("select"));
      select.className = "seen-it";
      select.setAttribute("aria-label", `I've seen ${r.title}: my rating`);
      select.append(new Option("Rate…", ""), ...stars.map((s) => new Option(`${s}★`, String(s))));
      onChosen(select, (value) => value && onRate(r.movieId, +value));
    }
    name(tr);
    // On a narrow screen the year, genres and ratings fold under the title (style.css), as one line of small text.
    const title = tr.cells[1];
    const extra = title.appendChild(document.createElement("span"));
    extra.className = "title-extra";
    const count = `${r.ratings.toLocaleString("en-US")} rating${r.ratings === 1 ? "" : "s"}`;
    const mean = r.mean === null ? "" : `mean ${r.mean.toFixed(2)}★`;
    extra.textContent = [r.year ?? "", r.genres.join(", "), [count, mean].filter(Boolean).join(", ")]
      .filter(Boolean)
      .join(" · ");
    if (why.explain && predicted) addWhy(tr, r, why as ExplainOptions & {explain: (row: Recommendation) => Node});
  }
  return table;
}

/**
 * A "Why?" button in the row's predicted cell (aria-expanded) that adds a row below holding the breakdown, and takes it
 * away again: a closed breakdown is not in the table, so the table's rows stay one per movie.
 */
function addWhy(
  tr: HTMLTableRowElement,
  r: Recommendation,
  {explain, expanded, onToggle, explains = "prediction"}: ExplainOptions & {explain: (row: Recommendation) => Node}
): void {
  const button = tr.querySelector(".col-predicted")!.appendChild(document.createElement("button"));
  button.type = "button";
  button.className = "why";
  button.textContent = "Why?";
  button.setAttribute(
    "aria-label",
    explains === "place" ? `Why is ${r.title} on my list?` : `Why ${r.predicted.toFixed(2)} for ${r.title}?`
  );
  let detail: HTMLTableRowElement | null = null;
  const show = (open: boolean) => {
    if (open && !detail) {
      detail = document.createElement("tr");
      detail.id = `why-${r.movieId}`;
      detail.className = "breakdown";
      const cell = detail.insertCell();
      cell.colSpan = tr.cells.length;
      cell.appendChild(explain(r));
    }
    if (open) tr.after(detail!);
    else detail?.remove();
    button.setAttribute("aria-expanded", String(open));
    if (open) button.setAttribute("aria-controls", detail!.id);
    else button.removeAttribute("aria-controls");
  };
  show(expanded?.has(r.movieId) ?? false);
  button.addEventListener("click", () => {
    const open = !detail?.parentNode;
    show(open);
    onToggle?.(r.movieId, open);
  });
}
