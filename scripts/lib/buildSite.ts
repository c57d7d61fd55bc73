import {execFile} from "node:child_process";
import {mkdtempSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {promisify} from "node:util";
import type {SynthOptions} from "../../src/components/synth/synthesize.js";
import {writeSynthetic} from "../../src/data/writeSynthetic.js";

const run = promisify(execFile);

/** A small synthetic dataset: quick to build, still shaped like MovieLens. */
export const SMALL: SynthOptions = {seed: 7, users: 300, movies: 400, ratings: 20_000};

/**
 * Builds the site on a dataset folder (or, with none, the built-in dataset) into a temporary folder, as `npm run build`
 * does: the dataset is resolved and stale loader caches cleared first.
 */
export async function buildSiteOn(
  dataDir: string | undefined,
  env: Record<string, string> = {}
): Promise<{dir: string; log: string}> {
  const dir = join(mkdtempSync(join(tmpdir(), "workbook-site-")), "dist");
  const fullEnv: NodeJS.ProcessEnv = {
    ...process.env,
    WORKBOOK_OUTPUT: dir,
    OBSERVABLE_TELEMETRY_DISABLE: "true",
    ...env
  };
  if (dataDir) fullEnv.MOVIELENS_DIR = dataDir;
  else delete fullEnv.MOVIELENS_DIR;
  const prepare = await run("node", ["--import", "tsx", "scripts/prepare-data.ts"], {env: fullEnv});
  const build = await run("node_modules/.bin/observable", ["build"], {env: fullEnv, maxBuffer: 64 << 20});
  return {dir, log: prepare.stderr + build.stdout + build.stderr};
}

/** Writes a small synthetic dataset and builds the site on it into a temporary folder, as `npm run build` does. */
export async function buildSite(
  options: SynthOptions = SMALL,
  env: Record<string, string> = {},
  edit?: (dataDir: string) => void
): Promise<{dir: string; dataDir: string; log: string}> {
  const tmp = mkdtempSync(join(tmpdir(), "workbook-site-"));
  const dataDir = join(tmp, "data");
  await writeSynthetic(dataDir, options);
  edit?.(dataDir);
  return {...(await buildSiteOn(dataDir, env)), dataDir};
}
