// Downloads MovieLens 10M into data/ml-10M100K: `npm run data:fetch [-- --url <u> --md5 <hex> --dest <dir>]`.
import {readdir} from "node:fs/promises";
import {relative} from "node:path";
import {MOVIELENS_HOME} from "../src/data/dataset.js";
import {fetchMovielens, formatProgress, MOVIELENS_MD5, MOVIELENS_URL} from "./fetchMovielens.js";
import type {FetchProgress} from "./fetchMovielens.js";
import {parseCli} from "./parseCli.js";

const USAGE = `Usage: npm run data:fetch [-- options]

Downloads MovieLens 10M, checks its MD5 and unzips it atomically.

Options:
  --url <u>     archive URL (env MOVIELENS_URL; default ${MOVIELENS_URL})
  --md5 <hex>   expected MD5 (env MOVIELENS_MD5; default ${MOVIELENS_MD5})
  --dest <dir>  destination folder (default ${MOVIELENS_HOME})
  --help        show this help
`;

// 1. Read flags; the library reads MOVIELENS_URL and MOVIELENS_MD5 itself when a flag is absent.
const args = parseCli<{url?: string; md5?: string; dest?: string}>({url: {type: "string"}, md5: {type: "string"}, dest: {type: "string"}}, USAGE);

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
  printed = progress, lastTime = now, lastTenth = tenth;
}
function finishBar(): void {
  if (latest && latest !== printed) draw(latest, true);
  if (tty && printed) process.stderr.write("\n");
}

// 4. Fetch, verify, unpack, then say where the files are and what to run next.
try {
  const result = await fetchMovielens({
    url: args.url,
    md5: args.md5,
    dest: args.dest,
    signal: controller.signal,
    onProgress(progress) {
      latest = progress;
      draw(progress);
    },
    onStage(stage) {
      if (stage === "download") process.stderr.write(`Downloading ${args.url ?? process.env.MOVIELENS_URL ?? MOVIELENS_URL}\n`);
      else finishBar(), process.stderr.write("Checksum OK; extracting…\n");
    }
  });
  const rel = relative(process.cwd(), result.dest);
  const where = rel && !rel.startsWith("..") ? rel : result.dest;
  const files = (await readdir(result.dest)).sort().join(", ");
  process.stderr.write(`MovieLens 10M is in ${where}/ (${files}). Next: npm run dev\n`);
} catch (error) {
  finishBar();
  console.error((error as Error).message);
  process.exit(controller.signal.aborted ? 130 : 1);
}
