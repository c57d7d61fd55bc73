import {createHash} from "node:crypto";
import {createReadStream} from "node:fs";
import {mkdir, open, rm, unlink} from "node:fs/promises";
import type {FileHandle} from "node:fs/promises";
import {STATUS_CODES} from "node:http";
import {basename, dirname, join, relative, resolve} from "node:path";
import {Unzip, UnzipInflate} from "fflate";
import {MOVIELENS_FILES, MOVIELENS_FORMATS, movielensFormat} from "../src/components/movielens/movielensFormat.js";
import {releaseByKey} from "../src/components/movielens/movielensRelease.js";
import {releaseHome} from "../src/data/dataset.js";
import {swapInto} from "../src/data/swapInto.js";

/** Where GroupLens serves every release, as `<key>.zip` with its checksum in `<key>.zip.md5` beside it. */
export const MOVIELENS_BASE_URL = "https://files.grouplens.org/datasets/movielens/";

/** The release fetched by default. */
export const DEFAULT_RELEASE = "ml-10m";

/** The official MovieLens 10M archive. */
export const MOVIELENS_URL = `${MOVIELENS_BASE_URL}${DEFAULT_RELEASE}.zip`;

/**
 * The checksum GroupLens publishes in ml-10m.zip.md5 (65,566,137 bytes),
 * so the default download needs no second request.
 */
export const MOVIELENS_MD5 = "ce571fd55effeba0271552578f2648bd";

/**
 * A release's archive URL: `https://files.grouplens.org/datasets/movielens/<key>.zip`;
 * an unknown key throws, naming the known ones.
 */
export function releaseUrl(release: string): string {
  if (!releaseByKey(release)) releaseHome(release); // throws, naming the releases there are
  return `${MOVIELENS_BASE_URL}${release.toLowerCase()}.zip`;
}

/** Download progress, reported once per received chunk. */
export interface FetchProgress {
  received: number;
  total: number | null;
  bytesPerSecond: number;
}

/** Options for fetchMovielens; every field has a default. */
export interface FetchOptions {
  /**
   * The release's key ("ml-100k", "ml-latest-small", "ml-32m"; default ml-10m):
   * the default url, md5 and dest follow from it.
   */
  release?: string;
  url?: string;
  md5?: string | null;
  dest?: string;
  onProgress?: (p: FetchProgress) => void;
  onStage?: (stage: "download" | "extract") => void;
  signal?: AbortSignal;
  fetch?: typeof fetch;
}

/** What was installed: the absolute folder, the archive size and its verified MD5. */
export interface FetchResult {
  dest: string;
  bytes: number;
  md5: string;
}

/** Formats a byte count the way download tools do, in SI units. */
export function formatBytes(bytes: number): string {
  return bytes < 1e6 ? `${(bytes / 1e3).toFixed(1)} kB` : `${(bytes / 1e6).toFixed(1)} MB`;
}

/** Renders one progress line: `[#####.....] 12.3 MB / 63.2 MB  4.1 MB/s`. */
export function formatProgress({received, total, bytesPerSecond}: FetchProgress): string {
  const rate = `${formatBytes(bytesPerSecond)}/s`;
  if (total === null || total <= 0) return `${formatBytes(received)}  ${rate}`;
  const filled = Math.max(0, Math.min(10, Math.floor((received / total) * 10)));
  return `[${"#".repeat(filled)}${".".repeat(10 - filled)}] ${formatBytes(received)} / ${formatBytes(total)}  ${rate}`;
}

// Besides the files a format reads, keep the ones a reader might want; skip helper scripts, ML-100K's train/test
// splits and the CSV releases' tag genome (415 MB in ML-32M).
const OPTIONAL_FILE = /^(tags\.(dat|csv)|links\.csv|README.*)$/;

/**
 * Downloads, verifies and unpacks a MovieLens release (default MovieLens 10M) into dest (default data/<its folder>:
 * MOVIELENS_HOME for ML-10M, data/ml-100k for ML-100K; resolved against the working directory, as `npm run` runs in
 * the project root), leaving either the full dataset or nothing. The archive is checked against `md5`: ML-10M's known
 * MD5 by default; for the other releases (or `md5: null`) the `<url>.md5` GroupLens publishes beside the zip.
 */
export async function fetchMovielens({
  release = DEFAULT_RELEASE,
  url = process.env.MOVIELENS_URL ?? releaseUrl(release),
  md5,
  dest = releaseHome(release),
  onProgress,
  onStage,
  signal,
  fetch = globalThis.fetch
}: FetchOptions = {}): Promise<FetchResult> {
  if (md5 === undefined)
    md5 = process.env.MOVIELENS_MD5 ?? (release.toLowerCase() === DEFAULT_RELEASE ? MOVIELENS_MD5 : null);
  if (md5 !== null && !/^[0-9a-f]{32}$/i.test(md5))
    throw new TypeError(`Invalid md5 "${md5}": expected 32 hex digits.`);
  const target = resolve(dest);
  const hint = `download ${basename(new URL(url).pathname)} yourself and unzip it into ${displayPath(target)}/`;
  await mkdir(dirname(target), {recursive: true});
  // A sibling folder is on the same filesystem, so the final rename is atomic.
  const temp = `${target}.tmp-${process.pid}-${randomSuffix()}`;
  await mkdir(temp);
  try {
    const expected = md5 === null ? await fetchMd5(url, fetch, signal, hint) : md5.toLowerCase();
    onStage?.("download");
    const archive = join(temp, "download.zip");
    const {bytes, md5: actual} = await download(url, archive, fetch, signal, hint, onProgress);
    if (actual !== expected) {
      throw new Error(
        `Checksum mismatch for ${url}: expected ${expected}, got ${actual}. ` +
          `The file may be corrupt or incomplete; nothing was written.`
      );
    }
    onStage?.("extract");
    await extract(archive, temp, url, release, signal);
    await unlink(archive);
    await swapInto(temp, target);
    return {dest: target, bytes, md5: actual};
  } catch (error) {
    if (signal?.aborted) throw new Error("Download cancelled; nothing was written.", {cause: error});
    throw error;
  } finally {
    // After a successful swap the temp path no longer exists, so this only cleans up failures.
    await rm(temp, {recursive: true, force: true});
  }
}

/** Fetches url, turning network failures and HTTP errors into one-line messages. */
async function request(
  url: string,
  fetch: typeof globalThis.fetch,
  signal: AbortSignal | undefined,
  hint: string
): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, {signal});
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new Error(
      `Could not reach ${new URL(url).host} (${causeCode(error)}). Check your internet connection, ` +
        `or ${hint}, or set MOVIELENS_DIR.`,
      {cause: error}
    );
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => {});
    const text = response.statusText || STATUS_CODES[response.status] || "";
    throw new Error(`Download failed: HTTP ${response.status}${text ? ` ${text}` : ""} for ${url}`);
  }
  return response;
}

/** Reads the published checksum file beside the archive. */
async function fetchMd5(
  url: string,
  fetch: typeof globalThis.fetch,
  signal: AbortSignal | undefined,
  hint: string
): Promise<string> {
  const md5Url = `${url}.md5`;
  const text = await (await request(md5Url, fetch, signal, hint)).text();
  // GroupLens writes "MD5 (ml-10m.zip) = <hex>"; md5sum writes "<hex>  ml-10m.zip".
  const match = /\b[0-9a-f]{32}\b/i.exec(text);
  if (!match) throw new Error(`No MD5 checksum found in ${md5Url}. Pass --md5 <hex> instead.`);
  return match[0].toLowerCase();
}

/** Streams url into file, hashing as bytes arrive so the archive is read only once. */
async function download(
  url: string,
  file: string,
  fetch: typeof globalThis.fetch,
  signal: AbortSignal | undefined,
  hint: string,
  onProgress: FetchOptions["onProgress"]
): Promise<{bytes: number; md5: string}> {
  const response = await request(url, fetch, signal, hint);
  const length = Number(response.headers.get("content-length") ?? NaN);
  // With content-encoding, content-length counts encoded bytes but the body yields decoded ones.
  const total =
    Number.isSafeInteger(length) && length >= 0 && !response.headers.has("content-encoding") ? length : null;
  const hash = createHash("md5");
  const handle = await open(file, "w");
  const start = performance.now();
  let received = 0;
  const interrupted = () =>
    new Error(
      `Download interrupted after ${received}${total === null ? "" : ` of ${total}`} bytes from ${url}. ` +
        `Run the command again.`
    );
  try {
    if (!response.body) throw interrupted();
    const reader = response.body.getReader();
    for (;;) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch (error) {
        if (signal?.aborted) throw error;
        throw interrupted();
      }
      if (chunk.done) break;
      hash.update(chunk.value);
      await handle.write(chunk.value);
      received += chunk.value.length;
      const seconds = (performance.now() - start) / 1000;
      onProgress?.({received, total, bytesPerSecond: seconds > 0 ? received / seconds : 0});
    }
  } finally {
    await handle.close();
  }
  if (total !== null && received < total) throw interrupted();
  return {bytes: received, md5: hash.digest("hex")};
}

/** One archive entry being written to disk. */
interface Entry {
  name: string;
  path: string;
  chunks: Uint8Array[];
  final: boolean;
  handle: FileHandle | null;
  closed: boolean;
}

/** Unzips the wanted entries of archive into folder, streaming so the ratings never sit in memory. */
async function extract(
  archive: string,
  folder: string,
  url: string,
  release: string,
  signal: AbortSignal | undefined
): Promise<void> {
  const seen: string[] = [];
  const entries = new Map<string, Entry>();
  let failure: Error | null = null;
  const unzip = new Unzip((file) => {
    if (file.name.endsWith("/")) return;
    seen.push(file.name);
    const name = basename(file.name);
    const wanted = !file.name.startsWith("__MACOSX/") && (MOVIELENS_FILES.includes(name) || OPTIONAL_FILE.test(name));
    if (!wanted || entries.has(name)) return;
    const entry: Entry = {name, path: join(folder, name), chunks: [], final: false, handle: null, closed: false};
    entries.set(name, entry);
    file.ondata = (error, data, final) => {
      if (error) failure ??= new Error(`Could not unzip ${file.name} from ${url}: ${error.message}`);
      else {
        entry.chunks.push(data);
        entry.final = final;
      }
    };
    try {
      file.start();
    } catch (error) {
      failure ??= new Error(`Could not unzip ${file.name} from ${url}: ${(error as Error).message}`);
    }
  });
  unzip.register(UnzipInflate);
  // Inflate is synchronous, so after each compressed chunk we flush what it produced before reading on.
  const flush = async () => {
    for (const entry of entries.values()) {
      if (entry.closed || (!entry.chunks.length && !entry.final)) continue;
      entry.handle ??= await open(entry.path, "w");
      for (const chunk of entry.chunks.splice(0)) await entry.handle.write(chunk);
      if (entry.final) {
        await entry.handle.close();
        entry.handle = null;
        entry.closed = true;
      }
    }
  };
  try {
    for await (const chunk of createReadStream(archive, {highWaterMark: 1 << 16})) {
      if (signal?.aborted) throw signal.reason;
      pushChunk(unzip, chunk as Buffer, false, url);
      if (failure) throw failure;
      await flush();
    }
    pushChunk(unzip, new Uint8Array(0), true, url);
    if (failure) throw failure;
    await flush();
  } finally {
    for (const entry of entries.values()) await entry.handle?.close();
  }
  const unfinished = [...entries.values()].filter((entry) => !entry.closed).map((entry) => entry.name);
  if (unfinished.length)
    throw new Error(`The archive from ${url} ends inside ${unfinished.join(", ")}; it is truncated.`);
  const format = movielensFormat(seen) ?? MOVIELENS_FORMATS[0];
  const missing = [format.movies, format.ratings].filter((name) => !entries.has(name));
  if (missing.length) {
    const contents = seen.length ? seen.join(", ") : "no files (is it a zip?)";
    throw new Error(
      `The archive from ${url} has no ${missing.join(" or ")}; it contains ${contents}. ` +
        `Check that the URL points to ${release}.zip.`
    );
  }
}

/** Feeds the unzipper, naming the archive when its structure is broken. */
function pushChunk(unzip: Unzip, chunk: Uint8Array, final: boolean, url: string): void {
  try {
    unzip.push(chunk, final);
  } catch (error) {
    throw new Error(`The archive from ${url} is not a valid zip (${(error as Error).message}).`, {cause: error});
  }
}

/** Digs the system error code (ECONNREFUSED, ENOTFOUND…) out of fetch's generic TypeError. */
function causeCode(error: unknown): string {
  const cause = (error as {cause?: {code?: string; message?: string; errors?: {code?: string}[]}}).cause;
  return cause?.code ?? cause?.errors?.[0]?.code ?? cause?.message ?? (error as Error).message ?? "network error";
}

/** Shows paths under the working directory relatively, as the user typed them. */
function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith("..") ? rel : path;
}

/** A short random tag so concurrent runs never share a temp folder. */
function randomSuffix(): string {
  return Math.random().toString(36).slice(2, 8);
}
