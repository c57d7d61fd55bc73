import {spawn} from "node:child_process";
import {join} from "node:path";
import {ROOT} from "../src/data/dataset.js";

/**
 * A loader's run: its wall time in seconds (node + tsx startup included), its peak RSS in MB,
 * and its output's size in bytes.
 */
export interface LoaderRun {
  loader: string;
  seconds: number;
  peakMB: number;
  bytes: number;
}

/**
 * Runs a data loader (`ratings.bin.ts`, …) as Framework does, in its own process on the dataset in `dir`
 * (MOVIELENS_DIR), and reports its wall time and peak RSS, read from GNU time's `%e %M` (/usr/bin/time must exist).
 * Throws with the loader's stderr when it fails.
 */
export async function timeLoader(dir: string, loader: string): Promise<LoaderRun> {
  const child = spawn("/usr/bin/time", ["-f", "%e %M", "node", "--import", "tsx", join("src/data", loader)], {
    cwd: ROOT,
    env: {...process.env, MOVIELENS_DIR: dir},
    stdio: ["ignore", "pipe", "pipe"]
  });
  let bytes = 0;
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (bytes += chunk.length));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk));
  const code = await new Promise<number>((resolve) => child.on("close", (c) => resolve(c ?? 1)));
  if (code !== 0) throw new Error(`${loader} failed:\n${stderr}`);
  const [seconds, kb] = stderr.trim().split("\n").at(-1)!.split(" ").map(Number);
  return {loader, seconds, peakMB: kb / 1024, bytes};
}
