// The README's claim: once `npm ci` has installed the packages, the publish build (`npm run build:publish`, as the
// GitHub Pages workflow runs it) and `npm run dev` need no network.
// Each check copies the repository as a fresh clone has it (no src/.observablehq/cache, so nothing an earlier online
// run fetched), and runs test/support/offlineWorkbook.ts in a new network namespace (`unshare -rn`), with no network
// but its own loopback: the command, the server and Chromium all run there.
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  realpathSync,
  rmSync,
  statSync,
  symlinkSync
} from "node:fs";
import {execFileSync, spawn, spawnSync} from "node:child_process";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {writeSynthetic} from "../../src/data/writeSynthetic.js";
import {SMALL} from "../../scripts/lib/buildSite.js";
import type {OfflineReport} from "../support/offlineWorkbook.js";

/** Why this machine cannot run a command with no network, or "" when it can. */
function whyNoNamespace(): string {
  const run = spawnSync("unshare", ["-rn", "ip", "link", "set", "lo", "up"], {encoding: "utf-8"});
  if (run.error)
    return (
      `\`unshare -rn ip link set lo up\` cannot run (${run.error.message}): ` +
      `util-linux's unshare and iproute2's ip are needed`
    );
  if (run.status !== 0)
    return `\`unshare -rn ip link set lo up\` fails here (user namespaces off?): ${run.stderr.trim()}`;
  return "";
}

const NO_NAMESPACE = whyNoNamespace();

/** The repository as a fresh clone has it after `npm ci`: its tracked and unignored files, and node_modules. */
function freshCopy(): string {
  const dir = join(mkdtempSync(join(tmpdir(), "offline-")), "workbook");
  const listed = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], {
    encoding: "utf-8"
  }).split("\0");
  for (const file of listed) {
    if (file && file !== "node_modules" && existsSync(file) && !statSync(file).isDirectory())
      cpSync(file, join(dir, file));
  }
  symlinkSync(realpathSync("node_modules"), join(dir, "node_modules"));
  if (existsSync(join(dir, "src/.observablehq"))) throw new Error("the copy has a Framework cache");
  return dir;
}

/** Runs `npm run <mode>` in a fresh copy on a small synthetic dataset, with no network, and opens the Train page. */
async function runOffline(mode: "build" | "dev"): Promise<OfflineReport & {copy: string}> {
  const copy = freshCopy();
  const dataDir = join(copy, "..", "data");
  await writeSynthetic(dataDir, SMALL);
  const env: NodeJS.ProcessEnv = {...process.env, MOVIELENS_DIR: dataDir, OBSERVABLE_TELEMETRY_DEBUG: "true"};
  // Our scripts must turn telemetry off themselves; with OBSERVABLE_TELEMETRY_DEBUG it would log `[telemetry]`.
  for (const name of ["OBSERVABLE_TELEMETRY_DISABLE", "WORKBOOK_OUTPUT", "MY_RATINGS"]) delete env[name];
  const child = spawn(
    "unshare",
    ["-rn", process.execPath, "--import", "tsx", "test/support/offlineWorkbook.ts", mode, copy],
    {env}
  );
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => (stdout += chunk));
  child.stderr.on("data", (chunk) => (stderr += chunk));
  const status = await new Promise<number | null>((done) => child.on("close", done));
  const line = stdout.trim().split("\n").at(-1) ?? "";
  if (status !== 0 || !line.startsWith("{"))
    throw new Error(`offlineWorkbook.ts ${mode} failed (${status}):\n${stdout}\n${stderr}`);
  return {...(JSON.parse(line) as OfflineReport), copy};
}

function* files(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else yield path;
  }
}

/** The commands the GitHub Pages workflow's build job runs, in order, and the folder it deploys. */
function pagesWorkflow(): {runs: string[]; path: string | null} {
  const text = readFileSync(".github/workflows/pages.yml", "utf-8");
  const build = text.slice(text.indexOf("\n  build:"), text.indexOf("\n  deploy:"));
  return {
    runs: [...build.matchAll(/^\s+- run: (.+)$/gm)].map((m) => m[1].trim()),
    path: /upload-pages-artifact@\S+\s+with:\s+path: (\S+)/.exec(build)?.[1] ?? null
  };
}

describe("the GitHub Pages workflow (.github/workflows/pages.yml)", () => {
  it("installs, runs the publish build that the next tests run offline, and deploys its dist/", () => {
    expect(pagesWorkflow()).toEqual({runs: ["npm ci", "npm run build:publish"], path: "dist"});
  });
});

describe.skipIf(NO_NAMESPACE)("npm run build:publish with no network, from a fresh clone", () => {
  let build: Awaited<ReturnType<typeof runOffline>>;
  beforeAll(async () => {
    build = await runOffline("build");
    console.log(`offline npm run build: ${build.seconds} s`);
  });
  afterAll(() => build && rmSync(join(build.copy, ".."), {recursive: true, force: true}));

  it("builds from an empty Framework cache, with telemetry off, for GitHub Pages (.nojekyll)", () => {
    expect(build.status, build.log).toBe(0);
    expect(existsSync(join(build.copy, "dist", ".nojekyll"))).toBe(true);
    expect(build.log).not.toContain("[telemetry]");
    expect(build.log).not.toMatch(/fetch failed|unable to fetch/);
  });

  it("leaves no npm: import or CDN URL in dist/, and no page loads a module from _npm/", () => {
    const dist = join(build.copy, "dist");
    expect(existsSync(join(dist, "_npm"))).toBe(false);
    const offenders = [...files(dist)]
      .filter((f) => /\.(html|js|css)$/.test(f))
      .flatMap((f) => {
        const text = readFileSync(f, "utf-8");
        const match =
          /["'`]npm:[^"'`]*|https?:\/\/(?:cdn\.jsdelivr\.net|registry\.npmjs\.org)\S*/.exec(text) ??
          (f.endsWith(".html") ? /[^"'\s]*_npm\/[^"'\s]*/.exec(text) : null);
        return match ? [`${f.slice(dist.length)}: ${match[0]}`] : [];
      });
    expect(offenders).toEqual([]);
  });

  it("serves a Train page whose inputs render in Chromium, with no error and no request outside the site", () => {
    expect(build.fields).toBeGreaterThanOrEqual(7);
    expect(build.errors).toEqual([]);
    expect(build.failed).toEqual([]);
  });
});

describe.skipIf(NO_NAMESPACE)("npm run dev with no network, from a fresh clone", () => {
  it("serves a Train page whose inputs render in Chromium, with no error and no request outside the site", async () => {
    const dev = await runOffline("dev");
    rmSync(join(dev.copy, ".."), {recursive: true, force: true});
    console.log(`offline npm run dev: serving after ${dev.seconds} s`);
    expect(dev.log).not.toContain("[telemetry]");
    expect(dev.log).not.toMatch(/fetch failed|unable to fetch/);
    expect(dev.fields, dev.log).toBeGreaterThanOrEqual(7);
    expect(dev.errors).toEqual([]);
    expect(dev.failed).toEqual([]);
  }, 300_000);
});

if (NO_NAMESPACE) {
  describe("npm run build and dev with no network", () => {
    it.skip(`skipped: ${NO_NAMESPACE}`, () => {});
  });
}
