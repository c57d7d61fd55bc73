import * as Inputs from "@observablehq/inputs";
import {html} from "htl";
import type {DatasetSummary, MovieRow} from "../movielens/datasetArtifacts.js";
import {MOVIELENS_FORMATS} from "../movielens/movielensFormat.js";
import type {MovielensFormat} from "../movielens/movielensFormat.js";
import {decodeRatingsFile} from "../movielens/ratingsFile.js";
import {NoData, hasNoData} from "../ui/NoData.js";
import {Note} from "../ui/Note.js";
import {Nothing} from "../ui/Nothing.js";

// The Load the data page's views, each from the page's data: the first movies, the genres' counts, the last ratings,
// how fast the browser reads the ratings file, how much is known, and what the loader dropped.

const fmt = (n: number) => n.toLocaleString("en-US");

/**
 * The release format the data in use came in, read from its summary: the notebook's .dat pair where the summary does
 * not say (no data, or an import made before summaries named their format).
 */
export function releaseFormat(summary: Pick<DatasetSummary, "dataset">): MovielensFormat {
  return MOVIELENS_FORMATS.find((f) => f.id === summary.dataset.format) ?? MOVIELENS_FORMATS[0];
}

/** "The data in use, <b>name</b>, comes as <layout>.", where the summary names its format; else nothing. */
export function DataInUse(summary: Pick<DatasetSummary, "dataset">): HTMLElement {
  const {format, kind, name} = summary.dataset;
  if (format === undefined || kind === "none") return html`<span></span>`;
  return html`<span>The data in use, <b>${name}</b>, comes as ${releaseFormat(summary).layout}.</span>`;
}

/** The first 10 movies as the loader read them, with their number of ratings and mean. */
export function FirstMovies(movies: readonly MovieRow[], summary: DatasetSummary): HTMLElement {
  if (hasNoData(summary)) return NoData("to see the first movies");
  const rows = movies.slice(0, 10).map(({id, title, year, genres, ratings, mean}) => ({
    id,
    title,
    year,
    genres: genres.join(", "),
    ratings,
    mean
  }));
  return Inputs.table(rows, {
    columns: ["id", "title", "year", "genres", "ratings", "mean"],
    header: {id: "MovieID", title: "Title", year: "Year", genres: "Genres", ratings: "Ratings", mean: "Mean"},
    format: {year: (d: number | null) => d ?? "", mean: (d: number | null) => d?.toFixed(2) ?? "–"},
    layout: "auto",
    rows: 11,
    select: false
  });
}

/** How many movies each genre has (counted on the page, with arquero), as a table. */
export function GenreTable(counts: readonly {genre: string; count: number}[], summary: DatasetSummary): HTMLElement {
  if (hasNoData(summary)) return NoData("to see how many movies each genre has");
  return Inputs.table(counts, {header: {genre: "Genre", count: "Movies"}, rows: 8, select: false, width: {count: 90}});
}

/** The last ratings of the data, mine among them (appended last, as the notebook's `pd.concat` did). */
export function LastRatings(summary: DatasetSummary): HTMLElement {
  if (hasNoData(summary)) return NoData("to see the last ratings");
  return Inputs.table(summary.lastRatings, {
    columns: ["userId", "movieId", "title", "rating", "timestamp"],
    header: {userId: "UserID", movieId: "MovieID", title: "Title", rating: "Rating", timestamp: "Timestamp"},
    format: {
      userId: (d: number) => String(d),
      movieId: (d: number) => String(d),
      timestamp: (d: number) => new Date(d * 1000).toISOString().slice(0, 10)
    },
    layout: "auto",
    rows: 11,
    select: false
  });
}

/** The columnar ratings file fetched and decoded, with how long each took (ms) and its size (bytes). */
export async function loadRatingsFile(
  url: string,
  fetchBytes: (url: string) => Promise<ArrayBuffer> = (u) => fetch(u).then((response) => response.arrayBuffer())
): Promise<{rows: number; fetchMs: number; decodeMs: number; bytes: number}> {
  const t0 = performance.now();
  const buffer = await fetchBytes(url);
  const t1 = performance.now();
  const table = decodeRatingsFile(buffer);
  const t2 = performance.now();
  return {rows: table.header.rows, fetchMs: t1 - t0, decodeMs: t2 - t1, bytes: buffer.byteLength};
}

/** How fast this browser read the ratings file: a sentence, with its numbers in data attributes for the tests. */
export function LoadTiming(
  {rows, fetchMs, decodeMs, bytes}: {rows: number; fetchMs: number; decodeMs: number; bytes: number},
  summary: DatasetSummary
): HTMLElement {
  if (hasNoData(summary)) return NoData("to see how fast this browser reads them");
  const timing = document.createElement("p");
  timing.className = "load-timing";
  timing.dataset.fetchMs = fetchMs.toFixed(0);
  timing.dataset.decodeMs = decodeMs.toFixed(1);
  timing.textContent =
    `Loaded ${fmt(rows)} ratings (${(bytes / 1e6).toFixed(1)} MB) ` +
    `in ${fetchMs.toFixed(0)} ms, and decoded them in ${decodeMs.toFixed(1)} ms.`;
  return timing;
}

/** How much is known: the counts of users, movies and ratings, and how empty the full matrix is (the sparsity). */
export function DatasetCounts(summary: DatasetSummary): HTMLElement {
  if (hasNoData(summary)) return NoData("to see how many users, movies and ratings it holds");
  const {counts, sparsity} = summary;
  const empty = `${(100 * sparsity).toFixed(2)}%`;
  return html`<div><div class="grid grid-cols-4">
  <div class="card"><h2>Users</h2><span class="big users-count">${fmt(counts.users)}</span></div>
  <div class="card"><h2>Movies</h2><span class="big">${fmt(counts.movies)}</span></div>
  <div class="card"><h2>Ratings</h2><span class="big">${fmt(counts.ratings)}</span></div>
  <div class="card"><h2>Sparsity</h2><span class="big">${empty}</span></div>
</div>
<p>A full matrix of every user's opinion of every movie would have ${fmt(counts.users * counts.movies)} cells; we know
${fmt(counts.ratings)} of them. That sparsity, ${empty} empty, is why we need a model: collaborative filtering fills the
gaps from the patterns that similar users and similar movies share.</p></div>`;
}

/**
 * What the loader dropped or found missing (ratings of movies not in the movies file, ratings replaced by a later one,
 * movies nobody rated), or that every rating line was kept; nothing (an empty element) when there is no data.
 */
export function DroppedNote(summary: DatasetSummary, format: Pick<MovielensFormat, "movies">): HTMLElement {
  if (hasNoData(summary)) return Nothing();
  const {report, counts, rows} = summary;
  const notes = [
    report.unknownMovieRatings
      ? `${fmt(report.unknownMovieRatings)} ratings of ${report.unknownMovies} movies ` +
        `missing from ${format.movies} were dropped.`
      : null,
    report.duplicates
      ? `${fmt(report.duplicates)} ratings were replaced by a later rating of the same movie by the same user.`
      : null,
    counts.ratedMovies < counts.movies
      ? `${fmt(counts.movies - counts.ratedMovies)} movies have no ratings at all.`
      : null
  ].filter(Boolean);
  return Note(
    notes.length
      ? notes.join(" ")
      : `All ${fmt(rows.ratings + rows.myRatings)} rating lines were kept: ` +
          `every rated movie is in ${format.movies}, and no pair is rated twice.`
  );
}
