import type {Recommendation} from "../model/recommend.js";

/** What changed between two top-N lists: the movies that entered and the ones that left. */
export function topNChanges(
  before: readonly Recommendation[],
  after: readonly Recommendation[]
): {entered: Recommendation[]; left: Recommendation[]; stayed: number} {
  const was = new Set(before.map((r) => r.movieId));
  const is = new Set(after.map((r) => r.movieId));
  return {
    entered: after.filter((r) => !was.has(r.movieId)),
    left: before.filter((r) => !is.has(r.movieId)),
    stayed: after.filter((r) => was.has(r.movieId)).length
  };
}

/** Two lists side by side, movies that entered the top N and movies that left it, after retraining. */
export function TopNChanges(before: readonly Recommendation[], after: readonly Recommendation[]): HTMLElement {
  const {entered, left, stayed} = topNChanges(before, after);
  const root = document.createElement("div");
  root.className = "top-n-changes grid grid-cols-2";
  const column = (title: string, rows: Recommendation[], className: string, none: string) => {
    const card = root.appendChild(document.createElement("div"));
    card.className = `card ${className}`;
    card.appendChild(document.createElement("h2")).textContent = `${title} (${rows.length})`;
    const list = card.appendChild(document.createElement("ol"));
    for (const r of rows)
      list.appendChild(document.createElement("li")).textContent =
        `${r.title} (${r.year ?? "?"}) · ${r.predicted.toFixed(2)}`;
    if (!rows.length)
      Object.assign(card.appendChild(document.createElement("p")), {className: "empty", textContent: none});
  };
  column("Entered the top N", entered, "entered", `No movie entered the top ${after.length}.`);
  column("Left the top N", left, "left", `No movie left the top ${before.length}.`);
  const note = root.appendChild(document.createElement("p"));
  note.className = "stayed";
  note.textContent = `${stayed} of ${after.length} movies stayed.`;
  return root;
}
