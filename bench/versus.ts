// npm run bench:versus [-- --base <git revision>] [--epochs 2] [--shape ml-10m|ml-32m|small]
// The wasm kernel before and after, side by side in one run: trains the same synthetic set (ML-10M's shape; fastai's
// defaults, 20 factors) with bench/trainRun.ts from a worktree of `base` (default: the commit before the kernel's
// own memory, 1ed2648) and from this checkout on 1 and 2 threads, each in its own process, one after the other, and
// prints seconds per epoch, time per rating against a memory-traffic floor measured on this machine, and the valid MSE.
import {execFileSync, spawnSync} from "node:child_process";
import {existsSync, mkdtempSync, rmSync, symlinkSync} from "node:fs";
import {cpus, tmpdir} from "node:os";
import {join} from "node:path";
import {fileURLToPath} from "node:url";
import {parseArgs} from "node:util";
import {ML10M_SHAPE, ML32M_SHAPE, SITE_SYNTH} from "../src/components/synth/synthesize.js";
import {FASTAI_DEFAULTS} from "../src/components/trainDefaults.js";
import {bytesPerRating, copyBandwidth, floorNsPerRating} from "./memoryFloor.js";
import {ensureSyntheticSet} from "./syntheticSet.js";

const {values} = parseArgs({
  options: {
    base: {type: "string", default: "1ed2648"},
    epochs: {type: "string", default: "2"},
    shape: {type: "string", default: "ml-10m"}
  }
});
const ROOT = fileURLToPath(new URL("..", import.meta.url));
const FACTORS = 20;
const log = (message: string) => console.error(`[bench:versus] ${message}`);

interface Run {
  label: string;
  secondsPerEpoch: number[];
  validMse: number;
  trainRatings: number;
}

/** One training run of bench/trainRun.ts in `root` (its own process), as JSON lines. */
function train(root: string, label: string, dir: string, extra: string[]): Run {
  log(`${label}…`);
  const d = FASTAI_DEFAULTS;
  const args = ["--import", "tsx", join(root, "bench/trainRun.ts"), "--dir", dir, "--backend", "wasm"];
  args.push("--bs", String(d.bs), "--lr", String(d.lrMax), "--wd", String(d.wd), "--epochs", values.epochs!);
  args.push("--factors", String(FACTORS), ...extra);
  const result = spawnSync(process.execPath, args, {cwd: root, encoding: "utf8", maxBuffer: 1 << 26});
  if (result.status !== 0) throw new Error(`${label}: trainRun exited with ${result.status}\n${result.stderr}`);
  const lines = result.stdout
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l));
  const epochs = lines.filter((l) => l.type === "epoch");
  const done = lines.find((l) => l.type === "done");
  return {
    label,
    secondsPerEpoch: epochs.map((e) => e.seconds),
    validMse: epochs.at(-1).validLoss,
    trainRatings: done.stepsPerEpoch * d.bs
  };
}

const SHAPES = {"ml-10m": ML10M_SHAPE, "ml-32m": ML32M_SHAPE, small: SITE_SYNTH} as const;
if (!(values.shape! in SHAPES)) throw new Error(`--shape ${values.shape}: expected ${Object.keys(SHAPES).join(", ")}`);
const shape = SHAPES[values.shape as keyof typeof SHAPES];
const set = await ensureSyntheticSet(shape, log);
const bandwidth = copyBandwidth();
const base = mkdtempSync(join(tmpdir(), "bench-versus-"));
const runs: Run[] = [];
try {
  execFileSync("git", ["worktree", "add", "--detach", base, values.base!], {cwd: ROOT, stdio: "ignore"});
  symlinkSync(join(ROOT, "node_modules"), join(base, "node_modules"));
  runs.push(train(base, `before (${values.base}): kernel on TF.js's heap, 1 thread`, set.dir, []));
  for (const threads of [1, 2])
    runs.push(
      train(ROOT, `after: kernel's own memory, ${threads} thread${threads > 1 ? "s" : ""}`, set.dir, [
        "--threads",
        String(threads)
      ])
    );
} finally {
  if (existsSync(base)) execFileSync("git", ["worktree", "remove", "--force", base], {cwd: ROOT, stdio: "ignore"});
  rmSync(base, {recursive: true, force: true});
}

const floorNs = floorNsPerRating(FACTORS, bandwidth);
const header = ["run", "s/epoch (each)", "best s/epoch", "ns/rating", "× floor", "valid MSE", "vs before"];
const first = runs[0];
const body = runs.map((r) => {
  const best = Math.min(...r.secondsPerEpoch);
  const ns = (best / r.trainRatings) * 1e9;
  return [
    r.label,
    r.secondsPerEpoch.map((s) => s.toFixed(2)).join(", "),
    best.toFixed(2),
    ns.toFixed(0),
    (ns / floorNs).toFixed(1),
    r.validMse.toFixed(4),
    r === first ? "—" : `${(Math.min(...first.secondsPerEpoch) / best).toFixed(2)}× faster`
  ];
});
const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
const line = (cells: string[]) => "| " + cells.map((c, i) => c.padEnd(widths[i])).join(" | ") + " |";
console.log(
  `\n${shape.ratings!.toLocaleString("en-US")} ratings (${values.shape}'s shape), ${FACTORS} factors, ` +
    `bs ${FASTAI_DEFAULTS.bs}, ${values.epochs} epochs, wasm, Node ${process.versions.node}, ${cpus().length} cores\n` +
    `floor: ${bytesPerRating(FACTORS)} bytes per rating (bytesPerRating) at ${(bandwidth / 1e9).toFixed(1)} GB/s ` +
    `(one thread's copy bandwidth here) = ${floorNs.toFixed(0)} ns per rating, ` +
    `${((floorNs * first.trainRatings) / 1e9).toFixed(2)} s per epoch\n`
);
console.log(line(header));
console.log(line(widths.map((w) => "-".repeat(w))));
for (const b of body) console.log(line(b));
