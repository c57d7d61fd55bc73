import type {StorageProblem} from "../browser/pageStorage.js";
import {Note} from "./Note.js";

const WHY: Record<StorageProblem, string> = {
  blocked: "this browser blocks this site's storage (a setting such as “Block all cookies” does this)",
  full: "this browser's storage for this site is full",
  unavailable: "this browser cannot open its storage for this site (a private window does this)"
};

/**
 * One plain note for a page whose work the browser will not keep: what will not be kept (my ratings, runs and
 * checkpoints), why (`ratings` and `models` name each one's problem; null when it is kept), and what to do: allow site
 * data (or free space) and reload, or export my_ratings.dat and download the checkpoint before leaving. An empty
 * element when everything is kept, so a page can display it always.
 */
export function StorageNote({
  ratings = null,
  models = null
}: {
  ratings?: StorageProblem | null;
  models?: StorageProblem | null;
}): HTMLElement {
  if (!ratings && !models) return Object.assign(document.createElement("div"), {className: "storage-note none"});
  // Where site data is blocked, the page's head keeps my ratings for the tab (in window.name), across its pages; the
  // other stores keep what they hold in the page itself, until it is left.
  const lost = [
    ratings === "blocked"
      ? "my ratings are kept in this tab only, while it stays open"
      : ratings
        ? `${ratings === "full" ? "my latest ratings" : "my ratings"} are kept in this page only, until you leave it`
        : null,
    models ? "runs, models and checkpoints are kept in this page only, until you leave it" : null
  ].filter((x) => x !== null);
  const problems = [...new Set([ratings, models].filter((p): p is StorageProblem => p !== null))];
  const keep = [
    ratings ? "export my_ratings.dat (Rate movies)" : null,
    models ? "download a model's checkpoint on the page that trained it" : null
  ].filter((x) => x !== null);
  const fix = problems.includes("full")
    ? "free some space or allow site data for this site"
    : "allow site data for this site";
  const text =
    `${lost.join("; ").replace(/^./, (c) => c.toUpperCase())}: ` +
    `${problems.map((p) => WHY[p]).join(", and ")}. To keep them, ${fix} and reload, or ${keep.join(" and ")} ` +
    `before leaving.`;
  return Note(text, {className: "storage-note", kind: "warning"});
}
