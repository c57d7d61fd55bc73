import {execFile} from "node:child_process";
import {createHash} from "node:crypto";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync
} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {promisify} from "node:util";
import type {SynthOptions} from "../../src/components/synth/synthesize.js";
import {writeSynthetic} from "../../src/data/writeSynthetic.js";
import {finishBuild} from "./finishBuild.js";

const run = promisify(execFile);

/** A small synthetic dataset: quick to build, still shaped like MovieLens. */
export const SMALL: SynthOptions = {seed: 7, users: 300, movies: 400, ratings: 20_000};

/**
 * Builds the site on a dataset folder (or, with none, the built-in dataset) into a temporary folder, as `npm run build`
 * does: the dataset is resolved and stale loader caches cleared first.
 */
export async function buildSiteOn(
  dataDir: string | undefined,
  env: Record<string, string> = {},
  dir = join(mkdtempSync(join(tmpdir(), "workbook-site-")), "dist")
): Promise<{dir: string; log: string}> {
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
  await finishBuild(dir);
  return {dir, log: prepare.stderr + build.stdout + build.stderr};
}

/** Where buildSite keeps the sites it built, one folder per distinct build (see siteCacheEntry). */
export const SITE_CACHE = "node_modules/.cache/workbook-sites";

/**
 * Writes a small synthetic dataset (edited by `edit`, which runs every time, so its side effects do too) and builds the
 * site on it, as `npm run build` does. A site is built once per distinct dataset, environment and code: a later call
 * with the same bytes in the data folder, the same `env` and the same code (siteCacheEntry) gets the same build,
 * read-only by convention, from SITE_CACHE. That is how several test files share one build.
 */
export async function buildSite(
  options: SynthOptions = SMALL,
  env: Record<string, string> = {},
  edit?: (dataDir: string) => void
): Promise<{dir: string; dataDir: string; log: string; cached: boolean}> {
  const tmp = mkdtempSync(join(tmpdir(), "workbook-site-"));
  const dataDir = join(tmp, "data");
  await writeSynthetic(dataDir, options);
  edit?.(dataDir);
  const entry = siteCacheEntry(dataDir, env);
  const cached = () =>
    existsSync(join(entry, "log.txt"))
      ? {dir: join(entry, "dist"), dataDir, log: readFileSync(join(entry, "log.txt"), "utf-8"), cached: true}
      : null;
  // Another test file may build it while this one waits for the lock: look again once it is held.
  return (
    cached() ??
    withBuildLock(async () => {
      const built = cached();
      if (built) return built;
      // Builds made by other code are stale: drop them, so the cache holds one code version's sites.
      const version = `${codeKey().slice(0, 12)}-`;
      for (const name of existsSync(SITE_CACHE) ? readdirSync(SITE_CACHE) : [])
        if (!name.startsWith(".") && !name.startsWith(version))
          rmSync(join(SITE_CACHE, name), {recursive: true, force: true});
      const building = `${entry}.partial`;
      rmSync(building, {recursive: true, force: true});
      mkdirSync(building, {recursive: true});
      const {log} = await buildSiteOn(dataDir, env, join(building, "dist"));
      writeFileSync(join(building, "log.txt"), log);
      renameSync(building, entry);
      return {dir: join(entry, "dist"), dataDir, log, cached: false};
    })
  );
}

/** The lock held while a process uses this checkout's Framework cache (src/.observablehq/cache): see withBuildLock. */
const BUILD_LOCK = join(SITE_CACHE, ".lock");

/**
 * Runs `task` while holding the checkout's build lock, so that processes (test files running side by side) never
 * build or preview at once: they share src/.observablehq/cache, whose loader output prepare-data clears when the
 * dataset changes. The lock is a folder, made atomically, naming its holder's pid; a holder that died leaves a lock
 * that the next process takes over.
 */
export async function withBuildLock<T>(task: () => Promise<T>): Promise<T> {
  const release = await acquireBuildLock();
  try {
    return await task();
  } finally {
    release();
  }
}

/** Waits for the build lock (see withBuildLock) and takes it; the function returned gives it back. */
export async function acquireBuildLock(): Promise<() => void> {
  mkdirSync(SITE_CACHE, {recursive: true});
  for (;;) {
    try {
      mkdirSync(BUILD_LOCK);
      writeFileSync(join(BUILD_LOCK, "pid"), String(process.pid));
      return () => rmSync(BUILD_LOCK, {recursive: true, force: true});
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      if (!holderAlive()) rmSync(BUILD_LOCK, {recursive: true, force: true});
      else await new Promise((done) => setTimeout(done, 200));
    }
  }
}

/** Whether the process named in the build lock still runs (a lock just made, with no pid yet, counts as held). */
function holderAlive(): boolean {
  let pid: number;
  try {
    pid = +readFileSync(join(BUILD_LOCK, "pid"), "utf-8");
  } catch {
    // No pid yet: just made, unless it is old enough that its maker died before writing it.
    try {
      return Date.now() - statSync(BUILD_LOCK).mtimeMs < 10_000;
    } catch {
      return false;
    }
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * The folder under SITE_CACHE that holds the build of the dataset in `dataDir` with `env`: named by the code's hash
 * (codeKey), then by a hash of the code, `env` and every byte of the data folder.
 */
export function siteCacheEntry(dataDir: string, env: Record<string, string>): string {
  const code = codeKey();
  const key = createHash("sha256").update(code).update(JSON.stringify(env)).update(folderHash(dataDir)).digest("hex");
  return join(SITE_CACHE, `${code.slice(0, 12)}-${key.slice(0, 16)}`);
}

/** Every file below `dir`, by relative path and content. */
function folderHash(dir: string): string {
  const hash = createHash("sha256");
  const names = readdirSync(dir, {recursive: true, encoding: "utf-8"}).sort();
  for (const name of names) {
    const path = join(dir, name);
    if (existsSync(path) && !statSync(path).isDirectory()) hash.update(name).update("\0").update(readFileSync(path));
  }
  return hash.digest("hex");
}

let CODE_KEY: string | undefined;

/**
 * A hash of everything a build reads besides its dataset: the pages and their modules (src/, Framework's cache
 * excluded), the build scripts, Framework's config and the installed packages' lockfile. Computed once a process.
 */
export function codeKey(): string {
  if (CODE_KEY !== undefined) return CODE_KEY;
  const hash = createHash("sha256");
  const add = (path: string) => hash.update(path).update("\0").update(readFileSync(path));
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, {withFileTypes: true}).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== ".observablehq") walk(path);
      } else add(path);
    }
  };
  add("observablehq.config.ts");
  add("package-lock.json");
  walk("src");
  walk("scripts");
  return (CODE_KEY = hash.digest("hex"));
}
