// Times importMovieLens, the browser's "bring your own data" path, in Node on a zip shaped like ml-10m.zip.
// Usage: tsx bench/importMovieLens.ts [--dir <folder with movies.dat, ratings.dat, my_ratings.dat>] [--runs N] [--bare]
// Each run is a fresh child process, so its peak RSS is the import's alone (zipping the folder is not counted).
import {execFile} from "node:child_process";
import {existsSync, readFileSync, statSync, writeFileSync} from "node:fs";
import {mkdir, readFile} from "node:fs/promises";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {fileURLToPath} from "node:url";
import {promisify} from "node:util";
import {zipSync} from "fflate";
import {importMovieLens} from "../src/components/movielens/importMovieLens.js";
import type {DroppedFile, ImportProgress} from "../src/components/movielens/importMovieLens.js";

const run = promisify(execFile);
const args = process.argv.slice(2);
const flag = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const FILES = ["movies.dat", "ratings.dat", "my_ratings.dat"];
const MB = 1024 * 1024;

/** One import, in this process: reads the input, imports it, and reports time and memory as one JSON line. */
async function child(input: string, bare: boolean): Promise<void> {
  // A view, not a copy: the browser holds each dropped file's bytes once.
  const read = async (path: string) => {
    const b = await readFile(path);
    return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  };
  const files: DroppedFile[] | Uint8Array = bare
    ? await Promise.all(
        FILES.filter((f) => existsSync(join(input, f))).map(async (f) => ({name: f, bytes: await read(join(input, f))}))
      )
    : await read(input);
  const stages: Record<string, number> = {};
  let stage = "";
  let peakHeap = 0;
  let peakBuffers = 0;
  const t0 = performance.now();
  let t = t0;
  const onProgress = (p: ImportProgress) => {
    const m = process.memoryUsage();
    peakHeap = Math.max(peakHeap, m.heapUsed);
    peakBuffers = Math.max(peakBuffers, m.arrayBuffers);
    if (p.stage !== stage) {
      const now = performance.now();
      if (stage) stages[stage] = (stages[stage] ?? 0) + (now - t) / 1000;
      stage = p.stage;
      t = now;
    }
  };
  const artifacts = await importMovieLens(files, {onProgress});
  const seconds = (performance.now() - t0) / 1000;
  stages[stage] = (stages[stage] ?? 0) + (performance.now() - t) / 1000;
  const m = process.memoryUsage();
  console.log(
    JSON.stringify({
      seconds,
      stages,
      peakRssMB: process.resourceUsage().maxRSS / 1024,
      peakHeapMB: Math.max(peakHeap, m.heapUsed) / MB,
      peakArrayBuffersMB: Math.max(peakBuffers, m.arrayBuffers) / MB,
      ratings: artifacts.summary.counts.ratings,
      users: artifacts.summary.counts.users,
      movies: artifacts.summary.counts.movies,
      ratingsFileMB: artifacts.ratingsFile.byteLength / MB
    })
  );
}

/** Zips the folder as ml-10m.zip lays it out (one ml-10M100K/ folder), caching the zip beside the folder's stamp. */
async function ensureZip(dir: string): Promise<string> {
  const stamp = JSON.stringify(
    FILES.filter((f) => existsSync(join(dir, f))).map((f) => [
      f,
      statSync(join(dir, f)).size,
      statSync(join(dir, f)).mtimeMs
    ])
  );
  const cache = join(tmpdir(), "movielens-bench-import");
  const zip = join(cache, "ml-10m.zip");
  if (existsSync(zip) && existsSync(`${zip}.stamp`) && readFileSync(`${zip}.stamp`, "utf-8") === `${dir}\n${stamp}`)
    return zip;
  await mkdir(cache, {recursive: true});
  console.error(`Zipping ${dir} into ${zip} …`);
  const folder: Record<string, Uint8Array> = {};
  for (const f of FILES) if (existsSync(join(dir, f))) folder[f] = new Uint8Array(readFileSync(join(dir, f)));
  writeFileSync(zip, zipSync({"ml-10M100K": folder}, {level: 6}));
  writeFileSync(`${zip}.stamp`, `${dir}\n${stamp}`);
  return zip;
}

if (args[0] === "--child") {
  await child(args[1], args[2] === "bare");
} else {
  const dir = flag("--dir") ?? "/tmp/ml10m-synth";
  const runs = Number(flag("--runs") ?? 1);
  if (!existsSync(join(dir, "ratings.dat")))
    throw new Error(`${dir} has no ratings.dat; pass --dir, or write one with writeSynthetic(dir, ML10M_SHAPE).`);
  const zip = await ensureZip(dir);
  const inputs: [string, string, string][] = [["zip", zip, "zip"]];
  if (args.includes("--bare")) inputs.push(["bare .dat files", dir, "bare"]);
  const rows = [];
  for (const [label, input, mode] of inputs) {
    for (let i = 0; i < runs; ++i) {
      const {stdout} = await run("node", ["--import", "tsx", fileURLToPath(import.meta.url), "--child", input, mode], {
        maxBuffer: 1 << 20
      });
      const r = JSON.parse(stdout.trim().split("\n").at(-1)!);
      rows.push({
        input: label,
        run: i + 1,
        "input MB": +(
          (mode === "zip" ? statSync(input).size : statSync(join(input, "ratings.dat")).size) / 1e6
        ).toFixed(1),
        seconds: +r.seconds.toFixed(2),
        ...Object.fromEntries(
          Object.entries(r.stages as Record<string, number>).map(([s, v]) => [`${s} s`, +v.toFixed(2)])
        ),
        "peak RSS MB": Math.round(r.peakRssMB),
        "peak heap MB": Math.round(r.peakHeapMB),
        "peak ArrayBuffers MB": Math.round(r.peakArrayBuffersMB),
        ratings: r.ratings
      });
    }
  }
  console.log(`\nimportMovieLens in Node ${process.version} on ${dir} (one child process per run)`);
  console.table(rows);
}
