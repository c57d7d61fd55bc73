import {execFile} from "node:child_process";
import {mkdtempSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {promisify} from "node:util";
import type {SynthOptions} from "../../src/components/synthesize.js";
import {writeSynthetic} from "../../src/data/writeSynthetic.js";

const run = promisify(execFile);

/** A small synthetic dataset: quick to build, still shaped like MovieLens. */
export const SMALL: SynthOptions = {seed: 7, users: 300, movies: 400, ratings: 20_000};

/** Writes a small synthetic dataset and builds the site on it into a temporary folder, as `npm run build` does. */
export async function buildSite(options: SynthOptions = SMALL, env: Record<string, string> = {}, edit?: (dataDir: string) => void): Promise<{dir: string; dataDir: string; log: string}> {
  const tmp = mkdtempSync(join(tmpdir(), "workbook-site-"));
  const dataDir = join(tmp, "data");
  await writeSynthetic(dataDir, options);
  edit?.(dataDir);
  const dir = join(tmp, "dist");
  const fullEnv = {...process.env, MOVIELENS_DIR: dataDir, WORKBOOK_OUTPUT: dir, ...env};
  const prepare = await run("node", ["--import", "tsx", "scripts/prepare-data.ts"], {env: fullEnv});
  const build = await run("node_modules/.bin/observable", ["build"], {env: fullEnv, maxBuffer: 64 << 20});
  return {dir, dataDir, log: prepare.stderr + build.stdout + build.stderr};
}
