// Downloads a MovieLens release (default MovieLens 10M, into data/ml-10M100K):
// `npm run data:fetch [-- --release ml-100k|ml-1m|ml-10m|ml-latest-small|ml-20m|ml-25m|ml-32m --url <u> --md5 <hex>
// --dest <dir>]`.
import {readdir} from "node:fs/promises";
import {relative} from "node:path";
import {RELEASE_KEYS, releaseByKey} from "../src/components/movielens/movielensRelease.js";
import {releaseHome} from "../src/data/dataset.js";
import {
  DEFAULT_RELEASE,
  fetchMovielens,
  formatProgress,
  MOVIELENS_MD5,
  MOVIELENS_URL,
  releaseUrl
} from "./fetchMovielens.js";
import type {FetchProgress} from "./fetchMovielens.js";
import {parseCli} from "./parseCli.js";

const USAGE = `Usage: npm run data:fetch [-- options]

Downloads a MovieLens release (default MovieLens 10M), checks its MD5 and unzips it atomically into data/<its folder>,
where MOVIELENS_RELEASE=<release> finds it (several releases can live side by side).

Options:
  --release <r>  one of ${RELEASE_KEYS.join(", ")} (default ${DEFAULT_RELEASE})
  --url <u>      archive URL (env MOVIELENS_URL; default \
${MOVIELENS_URL.replace(`${DEFAULT_RELEASE}.zip`, "<release>.zip")})
  --md5 <hex>    expected MD5 (env MOVIELENS_MD5; default ${MOVIELENS_MD5} for ${DEFAULT_RELEASE},
                 else the <release>.zip.md5 GroupLens publishes beside the zip)
  --dest <dir>   destination folder (default ${releaseHome(DEFAULT_RELEASE)}, or data/<the release's folder>)
  --help         show this help
`;

// 1. Read flags; the library reads MOVIELENS_URL and MOVIELENS_MD5 itself when a flag is absent.
const args = parseCli<{release?: string; url?: string; md5?: string; dest?: string}>(
  {release: {type: "string"}, url: {type: "string"}, md5: {type: "string"}, dest: {type: "string"}},
  USAGE
);
const release = args.release ?? DEFAULT_RELEASE;
if (!releaseByKey(release)) {
  console.error(`Unknown release "${release}": expected one of ${RELEASE_KEYS.join(", ")}.\n\n${USAGE}`);
  process.exit(1);
}

// 2. Ctrl-C aborts the download so the library can remove its temp folder; a second one quits at once.
const controller = new AbortController();
process.on("SIGINT", () => {
  if (controller.signal.aborted) process.exit(130);
  process.stderr.write("\nCancelling; removing partial files (Ctrl-C again to quit now)…\n");
  controller.abort();
});

// 3. Draw progress: redraw in place on a terminal, otherwise a line every 10% or 5 s so logs stay short.
const tty = process.stderr.isTTY === true;
let latest: FetchProgress | null = null;
let printed: FetchProgress | null = null;
let lastTime = 0;
let lastTenth = -1;
function draw(progress: FetchProgress, force = false): void {
  const now = performance.now();
  const tenth = progress.total ? Math.floor((progress.received / progress.total) * 10) : -1;
  if (tty) {
    if (!force && now - lastTime < 100) return;
    process.stderr.write(`\r${formatProgress(progress).padEnd(60)}`);
  } else {
    if (!force && tenth <= lastTenth && now - lastTime < 5000) return;
    process.stderr.write(`${formatProgress(progress)}\n`);
  }
  {
    printed = progress;
    lastTime = now;
    lastTenth = tenth;
  }
}
function finishBar(): void {
  if (latest && latest !== printed) draw(latest, true);
  if (tty && printed) process.stderr.write("\n");
}

// 4. Fetch, verify, unpack, then say where the files are and what to run next.
try {
  const result = await fetchMovielens({
    release,
    url: args.url,
    md5: args.md5,
    dest: args.dest,
    signal: controller.signal,
    onProgress(progress) {
      latest = progress;
      draw(progress);
    },
    onStage(stage) {
      if (stage === "download")
        process.stderr.write(`Downloading ${args.url ?? process.env.MOVIELENS_URL ?? releaseUrl(release)}\n`);
      else {
        finishBar();
        process.stderr.write("Checksum OK; extracting…\n");
      }
    }
  });
  const rel = relative(process.cwd(), result.dest);
  const where = rel && !rel.startsWith("..") ? rel : result.dest;
  const files = (await readdir(result.dest)).sort().join(", ");
  const next =
    release === DEFAULT_RELEASE && !args.dest
      ? "npm run dev"
      : `MOVIELENS_${args.dest ? `DIR=${where}` : `RELEASE=${release}`} npm run dev`;
  process.stderr.write(`${releaseByKey(release)!.name} is in ${where}/ (${files}). Next: ${next}\n`);
} catch (error) {
  finishBar();
  console.error((error as Error).message);
  process.exit(controller.signal.aborted ? 130 : 1);
}
