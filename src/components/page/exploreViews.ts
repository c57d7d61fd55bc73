import * as Inputs from "@observablehq/inputs";
import {html} from "htl";
import type {StorageProblem} from "../browser/pageStorage.js";
import type {MovieRow} from "../movielens/datasetArtifacts.js";
import {modelMatches, modelWeights} from "../model/modelWeights.js";
import type {ModelWeights} from "../model/modelWeights.js";
import {SIMILAR_MIN_RATINGS, readMinimumRatings, similarMovies} from "../model/similarMovies.js";
import {matchesTitle, parseTitleQuery, titleKey} from "../model/titleMatch.js";
import {NoData} from "../ui/NoData.js";
import {Note} from "../ui/Note.js";
import {Nothing} from "../ui/Nothing.js";
import {noModelText} from "../ui/noModelText.js";

// The Explore the factors page's steps, each from the page's data: the latest model's vectors, the movies worth
// comparing, the table of movies like a chosen one, and the genres the map colours first.

/** The movie factors "Movies like this" compares: iALS's when the model was kept with them, else the rating model's. */
export interface MovieVectors {
  movieFactors: Float32Array;
  factors: number;
}

/** What Explore shows of the latest model: its weights when they fit this dataset, and the vectors it compares. */
export interface ExploreModel {
  /** The latest model's weights as plain arrays, or null when there is none or it was trained on another dataset. */
  weights: ModelWeights | null;
  /** The latest model, decoded, whatever dataset it was trained on (null when there is none). */
  decoded: ModelWeights | null;
  vectors: MovieVectors | null;
  /** Which vectors "Movies like this" compares, in words. */
  vectorsNote: string;
  /** The movies worth comparing and mapping, most rated first (similarChoices). */
  choices: SimilarChoices;
}

/** Reads the latest model (the store's `getLatest`) for this dataset's movies and catalogue. */
export function exploreModel(
  latest: {bytes: ArrayBuffer; ranker?: MovieVectors | null} | null,
  {movies, summary: {catalogue}}: {movies: readonly MovieRow[]; summary: {catalogue: string}}
): ExploreModel {
  const decoded = latest ? modelWeights(latest.bytes) : null;
  const weights = decoded && modelMatches(decoded, movies, catalogue) ? decoded : null;
  const vectorsNote = latest?.ranker
    ? "The vectors are iALS's, the ranking model fitted with every run: they place movies close when the same people " +
      "rate them. Their neighbours share a genre far more often than the rating model's (on a synthetic set shaped " +
      "like ml-latest-small, 96% of neighbours against 64%, by the project's benchmark), except for the most " +
      "rated movies: nearly everyone rates those, so their neighbours are other much-rated movies."
    : "The vectors are the rating model's: this model was kept without iALS's, which place movies close when the " +
      "same people rate them.";
  const vectors = weights ? (latest?.ranker ?? weights) : null;
  return {weights, decoded, vectors, vectorsNote, choices: similarChoices(movies)};
}

/** Why there is nothing to explore, and what to do: no data, no model, or a model of another dataset; else Nothing. */
export function NoModelNote(
  {weights, decoded}: Pick<ExploreModel, "weights" | "decoded">,
  {noData, problem}: {noData: boolean; problem: StorageProblem | null}
): HTMLElement {
  if (noData) return NoData("then train a model, to explore its factors");
  if (weights) return Nothing();
  const text = decoded
    ? "The latest model was trained on another dataset: train one on this dataset, then come back."
    : noModelText(problem);
  return Note(text, {className: "no-model"});
}

/** The movies worth comparing (similarChoices). */
export interface SimilarChoices {
  /** Their indexes, most rated first. */
  popular: number[];
  /** The first 2,000, as the search offers them: each movie's index and its title with its year. */
  choices: {movie: number; title: string}[];
  /** The movies on the map: the first 1,500. */
  mapped: number[];
  /** Which movies the search holds, in words: "2,000 most rated", or "movies with at least 20 ratings". */
  scope: string;
}

/**
 * The movies worth comparing, most rated first (those with at least SIMILAR_MIN_RATINGS ratings: a movie rated by a
 * handful of people has factors that are mostly noise), and the first 2,000 of them as search choices, titled with
 * their year.
 */
export function similarChoices(movies: readonly MovieRow[]): SimilarChoices {
  const popular = [...movies.keys()]
    .filter((i) => movies[i].ratings >= SIMILAR_MIN_RATINGS)
    .sort((a, b) => movies[b].ratings - movies[a].ratings);
  const choices = popular
    .slice(0, 2000)
    .map((movie) => ({movie, title: `${movies[movie].title} (${movies[movie].year ?? "?"})`}));
  const scope = popular.length > 2000 ? "2,000 most rated" : `movies with at least ${SIMILAR_MIN_RATINGS} ratings`;
  return {popular, choices, mapped: popular.slice(0, 1500), scope};
}

/** What "Movies like this" says when it cannot show a search: no model yet, or no movie with enough ratings. */
export function SimilarEmpty(hasModel: boolean, popular: number): HTMLElement {
  if (!hasModel)
    return Note("The movies most like a chosen one appear here once a model is trained on this dataset.", {
      className: "similar",
      kind: "empty"
    });
  if (!popular)
    return Note(
      `No movie has ${SIMILAR_MIN_RATINGS} ratings or more in this dataset, so none has factors worth comparing.`,
      {className: "similar", kind: "empty"}
    );
  return Nothing();
}

/**
 * The 10 movies most like `picked` by cosine similarity of `vectors`, among those with at least the typed number of
 * ratings (`fewest`, as readMinimumRatings reads it, with its note), as a table of title, year, genres and similarity;
 * an empty element when no movie is chosen, so the table of a movie no longer chosen is cleared.
 */
export function SimilarTable(
  movies: readonly MovieRow[],
  vectors: MovieVectors | null,
  picked: number | null,
  fewest: string
): HTMLElement {
  if (!vectors || picked === null) return Nothing();
  const root = document.createElement("div");
  const counts = Uint32Array.from(movies, (m) => m.ratings);
  const {minRatings, note} = readMinimumRatings(fewest);
  if (note) root.append(Note(note, {className: "similar-minimum", kind: "warning"}));
  const similar = similarMovies(vectors.movieFactors, vectors.factors, picked, {n: 10, minRatings, counts});
  if (!similar.length) {
    root.append(
      Note(`No other movie has ${minRatings.toLocaleString("en-US")} ratings or more.`, {className: "similar"})
    );
    return root;
  }
  const rows = similar.map(({movie, similarity}) => ({
    title: movies[movie].title,
    year: movies[movie].year,
    genres: movies[movie].genres.join(", "),
    similarity
  }));
  root.append(
    Inputs.table(rows, {
      header: {title: "Title", year: "Year", genres: "Genres", similarity: "Cosine similarity"},
      format: {year: (d: number | null) => d ?? "", similarity: (d: number) => d.toFixed(3)},
      select: false,
      layout: "auto"
    })
  );
  return root;
}

/**
 * The genres of the movies on the map, sorted by name, and the two with the most movies, which the map colours first.
 */
export function mapGenres(
  movies: readonly Pick<MovieRow, "genres">[],
  shown: readonly number[]
): {genres: string[]; first: string | null; second: string | null} {
  const counts = new Map<string, number>();
  for (const m of shown) for (const g of movies[m].genres) counts.set(g, (counts.get(g) ?? 0) + 1);
  const byCount = [...counts].sort((a, b) => b[1] - a[1]).map(([g]) => g);
  return {genres: [...counts.keys()].sort(), first: byCount[0] ?? null, second: byCount[1] ?? null};
}

/**
 * "Movies like this": find a movie among the `choices` (a search), choose it among those found, and see the 10 most
 * like it (SimilarTable) among neighbours with at least the number of ratings typed, each control redrawing only what
 * follows it; or, without a model or a movie worth comparing, why not (SimilarEmpty).
 */
export function MoviesLikeThis(
  movies: readonly MovieRow[],
  {weights, vectors, choices: {popular, choices}}: Pick<ExploreModel, "weights" | "vectors" | "choices">
): HTMLElement {
  if (!weights || !popular.length) return SimilarEmpty(Boolean(weights), popular.length);
  // Titles are matched the way people type them (titleMatch.ts): accents and case do not matter, "the matrix" finds
  // "Matrix, The", "(1988" is a year; a query too short to mean anything (one letter) leaves every title found.
  const keys = new Map(choices.map(({movie}) => [movie, titleKey(movies[movie].title)]));
  const search = Inputs.search(choices, {
    label: "Find a movie",
    placeholder: "Part of a title",
    filter: (typed: string) => {
      const query = parseTitleQuery(typed);
      return ({movie}: {movie: number}) => !query || matchesTitle(query, keys.get(movie)!, movies[movie].year);
    },
    width: 320,
    format: (n: number) => `${n.toLocaleString("en-US")} of ${choices.length.toLocaleString("en-US")} titles`
  });
  // The fewest ratings a neighbour needs, as typed (kept when another movie is chosen); readMinimumRatings reads it.
  const fewest = Inputs.text({
    label: "Neighbours with at least this many ratings",
    type: "number",
    value: String(SIMILAR_MIN_RATINGS),
    width: 120,
    validate: () => true
  });
  const pickerSlot = document.createElement("div");
  const tableSlot = document.createElement("div");
  let picker: (HTMLElement & {value: unknown}) | null = null;
  const drawTable = () =>
    tableSlot.replaceChildren(SimilarTable(movies, vectors, (picker?.value as number) ?? null, fewest.value));
  const drawPicker = () => {
    const found = search.value as SimilarChoices["choices"];
    picker = found.length
      ? Inputs.select(found, {
          label: "Movie",
          format: (d: {title: string}) => d.title,
          valueof: (d: {movie: number}) => d.movie
        })
      : null;
    picker?.addEventListener("input", drawTable);
    pickerSlot.replaceChildren(
      picker ?? Note("No title matches: try fewer or shorter words.", {className: "no-match"})
    );
    drawTable();
  };
  search.addEventListener("input", drawPicker);
  fewest.addEventListener("input", drawTable);
  drawPicker();
  return html`<div class="movies-like-this">${search}${pickerSlot}${fewest}${tableSlot}</div>`;
}

/**
 * The map's genre colours: two selects over the genres of the movies on the map (the model's `choices.mapped`), the
 * two with the most movies chosen first; its value is the genres chosen (null for none). Without a model or with
 * fewer than two movies to map, an empty element (Nothing) whose value is no genre.
 */
export function MapColours(
  movies: readonly Pick<MovieRow, "genres">[],
  {weights, choices: {mapped: shown}}: Pick<ExploreModel, "weights"> & {choices: Pick<SimilarChoices, "mapped">}
): HTMLElement & {value: unknown} {
  if (!weights || shown.length < 2) return Object.assign(Nothing(), {value: []});
  const {genres, first, second} = mapGenres(movies, shown);
  const select = (label: string, value: string | null) =>
    Inputs.select([null, ...genres], {label, value, format: (g: string | null) => g ?? "(none)"});
  return Inputs.form([select("Colour a genre", first), select("and another", second)], {
    template: (inputs: HTMLElement[]) => html`<div class="map-genres">${inputs}</div>`
  });
}

/** How many dimensions the map flattens, in words: the latest model's factors, or what sets them without a model. */
export function factorDimensions({weights}: Pick<ExploreModel, "weights">): string {
  return weights
    ? `The latest model's factors have ${weights.factors} dimensions`
    : "A model's factors have as many dimensions as it has factors (n_factors on the Train a model page)";
}
