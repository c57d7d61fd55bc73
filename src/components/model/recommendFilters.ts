import type {RatedMovie} from "../movielens/datasetArtifacts.js";
import type {RecommendOptions} from "./recommend.js";
import {parseTitleQuery} from "./titleMatch.js";

/** The filter inputs as a person left them: number fields as typed ("" when cleared), the genre selections. */
export interface FilterFields {
  n?: string | number | null;
  terms?: string | null;
  include?: readonly string[] | null;
  exclude?: readonly string[] | null;
  from?: string | number | null;
  to?: string | number | null;
  minRatings?: string | number | null;
}

/**
 * What the filters mean: options for `recommend`, notes on anything read otherwise than typed,
 * and the empty-list sentence.
 */
export interface Filters {
  options: Required<
    Pick<RecommendOptions, "excludeTerms" | "includeGenres" | "excludeGenres" | "years" | "minRatings" | "n">
  >;
  /** One sentence per field read otherwise than it was typed (an inverted range, a Top N out of bounds…). */
  notes: string[];
  /** What to say when no movie passes: the filters in force, in words. */
  empty: string;
}

/** The top N a page shows when its field is empty, and the most it lists. */
export const TOP_N = 20;
export const MAX_TOP_N = 1000;

const count = (n: number) => n.toLocaleString("en-US");
const quote = (s: string) => `“${s}”`;
const and = (items: readonly string[], word = "and") =>
  items.length < 2 ? items.join("") : `${items.slice(0, -1).join(", ")} ${word} ${items.at(-1)}`;

/** A number field's value: null when empty, NaN when it is not a number. */
function numberOf(value: string | number | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "number") return value;
  return value.trim() === "" ? null : Number(value.trim());
}

/**
 * Reads a Top N field: empty means the default (20); a value out of 1…max, or not whole, is brought into it with a
 * note that says so. Never throws: every state a person can leave the field in shows some list.
 */
export function readTopN(
  value: string | number | null | undefined,
  {max = MAX_TOP_N, fallback = TOP_N}: {max?: number; fallback?: number} = {}
): {n: number; note: string | null} {
  const typed = numberOf(value);
  if (typed === null) return {n: fallback, note: null};
  if (Number.isNaN(typed))
    return {n: fallback, note: `Top N ${quote(String(value))} is not a number, so the list shows the top ${fallback}.`};
  if (typed < 1) return {n: 1, note: `Top N is at least 1, so the list shows the top 1.`};
  if (typed > max) return {n: max, note: `Top N is at most ${count(max)}, so the list shows the top ${count(max)}.`};
  const n = Math.round(typed);
  return {n, note: n === typed ? null : `Top N is a whole number, so the list shows the top ${n}.`};
}

/**
 * Reads the Recommendations filters as a person left them, accepting every state: a cleared field sets nothing, an
 * inverted year range is read the right way round, a field that is not a number sets nothing; each such reading gets a
 * note in words. A field left alone excludes nothing. `movies` gives the context of the notes (movies without a year,
 * the most ratings a movie has).
 */
export function recommendFilters(fields: FilterFields, movies: readonly RatedMovie[] = []): Filters {
  const notes: string[] = [];
  const phrases: string[] = [];

  const top = readTopN(fields.n);
  if (top.note) notes.push(top.note);

  const terms = (fields.terms ?? "")
    .split(",")
    .map((t) => t.trim())
    .filter((t) => t !== "");
  const short = terms.filter((t) => parseTitleQuery(t) === null);
  const used = terms.filter((t) => parseTitleQuery(t) !== null);
  if (short.length)
    notes.push(
      `${and(short.map(quote))} ${short.length === 1 ? "is" : "are"} too short to exclude anything: ` +
        `type at least two letters.`
    );
  if (used.length) phrases.push(`no titles with ${and(used.map(quote), "or")}`);

  const include = [...(fields.include ?? [])],
    exclude = [...(fields.exclude ?? [])];
  const both = include.filter((g) => exclude.includes(g));
  if (both.length)
    notes.push(
      `${and(both)} ${both.length === 1 ? "is" : "are"} in both “Only these genres” and “Not these genres”: ` +
        `“Not” wins, so no ${and(both, "or")} movie is shown.`
    );
  if (include.length) phrases.push(`only ${and(include, "or")}`);
  if (exclude.length) phrases.push(`no ${and(exclude, "or")}`);

  let from = numberOf(fields.from),
    to = numberOf(fields.to);
  for (const [label, value] of [
    ["From year", fields.from],
    ["To year", fields.to]
  ] as const) {
    if (Number.isNaN(numberOf(value)))
      notes.push(`${label} ${quote(String(value))} is not a year, so it sets no bound.`);
  }
  if (Number.isNaN(from)) from = null;
  if (Number.isNaN(to)) to = null;
  if (from !== null && to !== null && from > to) {
    notes.push(`From year ${from} is after To year ${to}, so the list shows movies from ${to} to ${from}.`);
    [from, to] = [to, from];
  }
  if (from !== null || to !== null) {
    phrases.push(
      from !== null && to !== null
        ? from === to
          ? `in ${from}`
          : `from ${from} to ${to}`
        : from !== null
          ? `from ${from} on`
          : `up to ${to}`
    );
    const undated = movies.filter((m) => m.year === null).length;
    if (undated)
      notes.push(
        `${count(undated)} ${undated === 1 ? "movie has" : "movies have"} no year, ` +
          `and ${undated === 1 ? "is" : "are"} left out while a year is set.`
      );
  }

  let minRatings = numberOf(fields.minRatings);
  if (Number.isNaN(minRatings))
    notes.push(`At least ${quote(String(fields.minRatings))} ratings is not a number, so it sets no minimum.`);
  if (minRatings === null || Number.isNaN(minRatings) || minRatings < 0) minRatings = 0;
  if (minRatings > 0) {
    phrases.push(`at least ${count(minRatings)} ratings`);
    const most = movies.reduce((m, movie) => Math.max(m, movie.ratings), 0);
    if (movies.length && minRatings > most)
      notes.push(`No movie has ${count(minRatings)} ratings: the most rated has ${count(most)}.`);
  }

  const empty = phrases.length
    ? `No movie I have not rated passes these filters (${phrases.join("; ")}). Loosen one of them to see more.`
    : "No movie is left to recommend: I have rated every movie the model knows.";
  return {
    options: {
      excludeTerms: used,
      includeGenres: include,
      excludeGenres: exclude,
      years: [from, to],
      minRatings,
      n: top.n
    },
    notes,
    empty
  };
}
