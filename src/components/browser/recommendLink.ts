import {POPULARITY_WEIGHTS} from "../model/popularityBlend.js";
import type {LinkField} from "./formLink.js";

/** The filters' number fields (a link's text they cannot hold is refused: formLink's unheldNumbers). */
export const RECOMMEND_NUMBER_FIELDS = ["n", "from", "to", "minRatings"];

/**
 * How the Recommendations page's controls are kept in its link (formLink.ts): the filters (Top N, the excluded title
 * terms, the years and the minimum ratings as typed; the genres as any of the catalogue's `genres`), the ranking in
 * use ("best" or "predicted"), the popularity knob's stop, and `data`, the catalogue the link was made on.
 */
export function recommendLink(genres: readonly string[]): Record<string, LinkField> {
  return {
    n: {kind: "text", label: "Top N"},
    terms: {kind: "text", label: "excluded titles"},
    include: {kind: "choices", label: "genres to keep", choices: genres},
    exclude: {kind: "choices", label: "genres to leave out", choices: genres},
    from: {kind: "text", label: "From year"},
    to: {kind: "text", label: "To year"},
    minRatings: {kind: "text", label: "At least this many ratings"},
    ranking: {kind: "choice", label: "ranking", choices: ["best", "predicted"]},
    popularity: {kind: "choice", label: "popularity", choices: POPULARITY_WEIGHTS},
    data: {kind: "text"}
  };
}
