import type {DatasetArtifacts, DatasetSummary, HistogramSummary, MovieRow} from "../movielens/datasetArtifacts.js";
import {catalogueId} from "../movielens/catalogueId.js";
import {openDatasetStore} from "./datasetStore.js";
import type {DatasetIdentity} from "./datasetStore.js";

/** A file the build made, as Framework's FileAttachment gives it. */
interface Attachment {
  json(): Promise<unknown>;
  url(): Promise<string> | string;
}

/** The data every page works on: the visitor's own MovieLens when they loaded one in this browser, else the build's. */
export interface WorkbookData {
  source: "browser" | "build";
  summary: DatasetSummary;
  movies: MovieRow[];
  histogram: HistogramSummary;
  /** A URL the training worker can fetch the columnar ratings from (a blob URL for the visitor's data). */
  ratingsUrl: string;
  /** Which stored dataset the page works on (null for the build's): what staleDataset compares with what is now. */
  stored: DatasetIdentity | null;
}

/**
 * Loads the page's data: the artifacts stored by "Load MovieLens 10M from your computer" when there are any, otherwise
 * the build's files. Only what the page asks for is read from the build.
 */
export async function loadWorkbookData(built: {
  summary: Attachment;
  movies?: Attachment;
  histogram?: Attachment;
  ratings?: Attachment;
}): Promise<WorkbookData> {
  let stored: DatasetArtifacts | null;
  let identity: DatasetIdentity | null = null;
  try {
    const store = await openDatasetStore();
    stored = await store.load();
    identity = stored && (await store.identity());
    store.close();
  } catch {
    stored = null; // no IndexedDB (or it failed): the build's data still works
  }
  if (stored) {
    return {
      stored: identity,
      source: "browser",
      // A dataset stored by an earlier version has no catalogue id in its summary: derive it from its movies.
      summary: {...stored.summary, catalogue: stored.summary.catalogue ?? catalogueId(stored.movies)},
      movies: stored.movies,
      histogram: stored.histogram,
      ratingsUrl: URL.createObjectURL(
        new Blob([stored.ratingsFile as Uint8Array<ArrayBuffer>], {type: "application/octet-stream"})
      )
    };
  }
  const [summary, movies, histogram, ratingsUrl] = await Promise.all([
    built.summary.json(),
    built.movies?.json() ?? [],
    built.histogram?.json() ?? null,
    built.ratings?.url() ?? ""
  ]);
  return {
    source: "build",
    stored: null,
    summary: summary as DatasetSummary,
    movies: movies as MovieRow[],
    histogram: histogram as HistogramSummary,
    ratingsUrl
  };
}
