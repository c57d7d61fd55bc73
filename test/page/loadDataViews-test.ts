// @vitest-environment jsdom
import {describe, expect, it} from "vitest";
import type {DatasetSummary, MovieRow} from "../../src/components/movielens/datasetArtifacts.js";
import {encodeRatingsFile} from "../../src/components/movielens/ratingsFile.js";
import {
  DataInUse,
  DatasetCounts,
  DroppedNote,
  FirstMovies,
  GenreTable,
  LastRatings,
  LoadTiming,
  loadRatingsFile,
  releaseFormat
} from "../../src/components/page/loadDataViews.js";

/** What a view shows when it has nothing to say (ui/Nothing.ts): never null, which a page would print. */
const NOTHING = '<div class="nothing"></div>';

const movies: MovieRow[] = Array.from({length: 12}, (_, i) => ({
  id: i + 1,
  title: `Movie ${i + 1}`,
  year: i ? 1990 + i : null,
  genres: i % 2 ? ["Drama", "Comedy"] : ["Drama"],
  ratings: 10 * i,
  mean: i ? 3 + i / 10 : null
}));
const summary = (over: Partial<DatasetSummary> = {}) =>
  ({
    counts: {users: 300, movies: 400, ratings: 20_040, myRatings: 40, ratedMovies: 400},
    sparsity: 0.833,
    report: {unknownMovieRatings: 0, unknownMovies: 0, duplicates: 0},
    rows: {ratings: 20_000, myRatings: 40},
    lastRatings: [{userId: 99999, movieId: 3, title: "Movie 3", rating: 4.5, timestamp: 1_700_000_000}],
    ...over
  }) as DatasetSummary;
const empty = summary({counts: {users: 0, movies: 0, ratings: 0, myRatings: 0, ratedMovies: 0}});
const cells = (root: HTMLElement) =>
  [...root.querySelectorAll("tbody tr")].map((tr) =>
    [...tr.querySelectorAll("td")].slice(1).map((td) => td.textContent)
  );

describe("the Load the data page's views", () => {
  it("show the first 10 movies, the genres' counts and the last ratings, or invite loading data", () => {
    const first = cells(FirstMovies(movies, summary()));
    expect(first).toHaveLength(10);
    // Inputs.table leaves a missing year or mean empty.
    expect(first[0]).toEqual(["1", "Movie 1", "", "Drama", "0", ""]);
    expect(first[1]).toEqual(["2", "Movie 2", "1991", "Drama, Comedy", "10", "3.10"]);
    expect(cells(GenreTable([{genre: "Drama", count: 12}], summary()))).toEqual([["Drama", "12"]]);
    expect(cells(LastRatings(summary()))).toEqual([["99999", "3", "Movie 3", "4.5", "2023-11-14"]]);
    for (const view of [FirstMovies(movies, empty), GenreTable([], empty), LastRatings(empty)])
      expect(view.textContent).toMatch(/load MovieLens/i);
  });

  it("fetch, decode and time the ratings file, and say so in a sentence", async () => {
    const file = encodeRatingsFile({
      user: Uint32Array.of(0, 0, 1),
      movie: Uint32Array.of(0, 1, 1),
      rating2: Uint8Array.of(8, 7, 10),
      userIds: Int32Array.of(5, 6),
      movieIds: Int32Array.of(1, 2)
    });
    const loaded = await loadRatingsFile("/r.bin", async () => file.buffer.slice(file.byteOffset) as ArrayBuffer);
    expect(loaded).toMatchObject({rows: 3, bytes: file.byteLength});
    const timing = LoadTiming({rows: 20_040, fetchMs: 12.3, decodeMs: 0.44, bytes: 1_234_567}, summary());
    expect(timing.textContent).toBe("Loaded 20,040 ratings (1.2 MB) in 12 ms, and decoded them in 0.4 ms.");
    expect(timing.dataset).toMatchObject({fetchMs: "12", decodeMs: "0.4"});
  });

  it("count users, movies and ratings, and the sparsity, in cards and a sentence", () => {
    const root = DatasetCounts(summary());
    const cards = [...root.querySelectorAll(".card")].map((c) => [
      c.querySelector("h2")!.textContent,
      c.lastChild!.textContent
    ]);
    expect(cards).toEqual([
      ["Users", "300"],
      ["Movies", "400"],
      ["Ratings", "20,040"],
      ["Sparsity", "83.30%"]
    ]);
    const text = root.textContent!.replace(/\s+/g, " ");
    expect(text).toContain("would have 120,000 cells; we know 20,040 of them. That sparsity, 83.30% empty,");
  });

  it("say what the loader dropped, or that every line was kept", () => {
    const dat = {movies: "movies.dat"};
    expect(DroppedNote(summary(), dat)!.textContent).toBe(
      "All 20,040 rating lines were kept: every rated movie is in movies.dat, and no pair is rated twice."
    );
    const dropped = summary({
      report: {unknownMovieRatings: 1_500, unknownMovies: 3, duplicates: 2},
      counts: {users: 300, movies: 400, ratings: 20_040, myRatings: 40, ratedMovies: 390}
    });
    expect(DroppedNote(dropped, dat)!.textContent).toBe(
      "1,500 ratings of 3 movies missing from movies.dat were dropped. 2 ratings were replaced by a later rating of " +
        "the same movie by the same user. 10 movies have no ratings at all."
    );
    expect(DroppedNote(empty, dat).outerHTML).toBe(NOTHING);
  });
});

describe("releaseFormat(summary) and DataInUse(summary)", () => {
  const dataset = (over: object) =>
    ({dataset: {name: "MovieLens 100K", kind: "movielens", ...over}}) as Pick<DatasetSummary, "dataset">;
  it("name the files the data came in, from the summary's format", () => {
    expect(releaseFormat(dataset({format: "100k"})).movies).toBe("u.item");
    expect(releaseFormat(dataset({format: "csv"})).ratings).toBe("ratings.csv");
    expect(DataInUse(dataset({format: "100k"})).textContent).toMatch(/^The data in use, MovieLens 100K, comes as /);
  });

  it("fall back to the notebook's .dat pair, and say nothing, where the summary names no format", () => {
    expect(releaseFormat(dataset({})).movies).toBe("movies.dat");
    expect(DataInUse(dataset({})).textContent).toBe("");
    expect(DataInUse(dataset({format: "dat", kind: "none"})).textContent).toBe("");
  });
});
