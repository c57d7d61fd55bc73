// The one module that names the build's files (src/data/'s loaders' outputs) for the pages. Framework resolves each
// FileAttachment at build time from its literal path, relative to this module, and gives every page that imports it
// the files it names; a page asks for them by name instead of typing the paths. Only pages import src/components/page/.
import {FileAttachment} from "observablehq:stdlib";

/** The build's files a page reads, each made on demand, so that a page fetches only what it uses. */
export const WORKBOOK_FILES = {
  summary: () => FileAttachment("../../data/summary.json"),
  movies: () => FileAttachment("../../data/movies.json"),
  histogram: () => FileAttachment("../../data/histogram.json"),
  ratings: () => FileAttachment("../../data/ratings.bin"),
  importWorker: () => FileAttachment("../../data/importWorker.js"),
  trainWorker: () => FileAttachment("../../data/trainWorker.js"),
  /** TF.js's WebAssembly binaries, by the names the wasm backend asks for. */
  wasm: () => [
    FileAttachment("../../data/tfjs-backend-wasm.wasm"),
    FileAttachment("../../data/tfjs-backend-wasm-simd.wasm"),
    FileAttachment("../../data/tfjs-backend-wasm-threaded-simd.wasm")
  ]
};

/** A file of the build, as a page reads it (Framework's FileAttachment has this shape, and more). */
export interface BuildFile {
  json(): Promise<unknown>;
  url(): Promise<string>;
}

/** The names of the build's data files a page may ask for (the rest are workers and binaries). */
export type WorkbookFile = "movies" | "histogram" | "ratings";
