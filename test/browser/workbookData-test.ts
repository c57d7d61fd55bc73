import {resolveObjectURL} from "node:buffer";
import {afterEach, describe, expect, it, vi} from "vitest";
import {toDatasetRecord} from "../../src/components/browser/datasetStore.js";
import {loadWorkbookData} from "../../src/components/browser/workbookData.js";
import {catalogueId} from "../../src/components/movielens/catalogueId.js";
import {browserDataset, datasetArtifacts} from "../../src/components/movielens/datasetArtifacts.js";
import {indexRatings} from "../../src/components/movielens/indexRatings.js";
import {parseMoviesDat} from "../../src/components/movielens/parseMoviesDat.js";
import {parseRatings} from "../../src/components/movielens/parseRatings.js";

const encode = (s: string) => new TextEncoder().encode(s);
const movies = parseMoviesDat(encode("1::Alpha (1999)::Drama\n2::Beta (2001)::Comedy\n"));
const ratings = parseRatings(encode("5::1::4::100\n6::2::3.5::200\n"));
const stored = datasetArtifacts(
  movies,
  indexRatings([1, 2], [ratings]),
  {ratings: 2, myRatings: 0},
  browserDataset("MovieLens-format data, 2 movies, 2 ratings")
);

/** IndexedDB with one database whose store holds `value` (or fails to open): just what loading a dataset reads. */
function indexedDBHolding(value: unknown, {fail = false} = {}): IDBFactory {
  const later = (request: {onsuccess?: () => void; onerror?: () => void}) =>
    setTimeout(() => (fail ? request.onerror?.() : request.onsuccess?.()), 0);
  const db = {close: () => {}, transaction: () => ({objectStore: () => ({get: () => request(value)})})};
  function request<T>(result: T) {
    const r = {result, error: fail ? new DOMException("broken", "UnknownError") : null} as {
      result: T;
      error: DOMException | null;
      onsuccess?: () => void;
      onerror?: () => void;
    };
    later(r);
    return r;
  }
  return {open: () => request(db)} as unknown as IDBFactory;
}

/** The build's files, as FileAttachment gives them, counting what is read. */
function built() {
  const read: string[] = [];
  const file = (name: string, json: unknown) => ({
    json: async () => (read.push(name), json),
    url: () => (read.push(name), `/_file/${name}`)
  });
  return {
    read,
    files: {
      summary: file("summary", {counts: {ratings: 9}}),
      movies: file("movies", [{movieId: 1}]),
      histogram: file("histogram", {total: 9}),
      ratings: file("ratings", null)
    }
  };
}

afterEach(() => vi.unstubAllGlobals());

describe("loadWorkbookData(built)", () => {
  it("reads the build's files without IndexedDB", async () => {
    vi.stubGlobal("indexedDB", undefined);
    const {files, read} = built();
    expect(await loadWorkbookData(files)).toEqual({
      source: "build",
      stored: null,
      summary: {counts: {ratings: 9}},
      movies: [{movieId: 1}],
      histogram: {total: 9},
      ratingsUrl: "/_file/ratings"
    });
    expect(read.sort()).toEqual(["histogram", "movies", "ratings", "summary"]);
  });

  it("reads only what the page asks for", async () => {
    vi.stubGlobal("indexedDB", undefined);
    const {files, read} = built();
    expect(await loadWorkbookData({summary: files.summary})).toEqual({
      source: "build",
      stored: null,
      summary: {counts: {ratings: 9}},
      movies: [],
      histogram: null,
      ratingsUrl: ""
    });
    expect(read).toEqual(["summary"]);
  });

  it("reads the build's files when nothing is stored, or IndexedDB fails", async () => {
    for (const factory of [indexedDBHolding(undefined), indexedDBHolding(toDatasetRecord(stored), {fail: true})]) {
      vi.stubGlobal("indexedDB", factory);
      expect((await loadWorkbookData(built().files)).source).toBe("build");
    }
  });

  it(
    "prefers the visitor's stored dataset, its ratings as a blob URL, " + "and reads none of the build's files",
    async () => {
      vi.stubGlobal("indexedDB", indexedDBHolding(toDatasetRecord(stored, "2024-01-01T00:00:00.000Z")));
      const {files, read} = built();
      const data = await loadWorkbookData(files);
      expect(data).toMatchObject({
        source: "browser",
        summary: stored.summary,
        movies: stored.movies,
        histogram: stored.histogram,
        // Which stored dataset this page shows, for the actions that must not act on another tab's.
        stored: {savedAt: "2024-01-01T00:00:00.000Z", name: stored.summary.dataset.name}
      });
      expect(data.ratingsUrl).toMatch(/^blob:/);
      const blob = resolveObjectURL(data.ratingsUrl)!;
      expect(blob.type).toBe("application/octet-stream");
      expect(new Uint8Array(await blob.arrayBuffer())).toEqual(stored.ratingsFile);
      expect(read).toEqual([]);
    }
  );

  it("derives the catalogue id of a dataset stored by an earlier version, which had none", async () => {
    const {catalogue: _, ...older} = stored.summary;
    vi.stubGlobal("indexedDB", indexedDBHolding(toDatasetRecord({...stored, summary: older as typeof stored.summary})));
    const data = await loadWorkbookData(built().files);
    expect(data.summary.catalogue).toBe(catalogueId(stored.movies));
    expect(data.summary.catalogue).toBe(stored.summary.catalogue);
  });
});
