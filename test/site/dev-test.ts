import {spawn} from "node:child_process";
import type {ChildProcess} from "node:child_process";
import {mkdtempSync, readFileSync, readdirSync, renameSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {stripVTControlCharacters} from "node:util";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {writeSynthetic} from "../../src/data/writeSynthetic.js";
import {DATASET_LOADERS, describeChange} from "../../scripts/watchDataset.js";
import type {Dataset} from "../../src/data/dataset.js";
import {SMALL, acquireBuildLock} from "../../scripts/lib/buildSite.js";
import {collectErrors, launchChromium} from "../../scripts/lib/chromium.js";
import {freePort} from "../../scripts/lib/freePort.js";
import {openPreviewSocket} from "../support/previewSocket.js";
import type {PreviewMessage} from "../support/previewSocket.js";

/** Polls until `test` returns something other than undefined, or throws with `what` after `timeout` ms. */
async function until<T>(
  test: () => T | undefined | Promise<T | undefined>,
  what: string,
  timeout = 25_000
): Promise<T> {
  const end = Date.now() + timeout;
  for (;;) {
    const value = await test();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 200));
  }
}

interface Summary {
  counts: {myRatings: number};
  lastRatings: Array<{userId: number; movieId: number; rating: number}>;
}

/** The index page's hash and the summary.json it attaches, fetched at the URL the page requests it from. */
async function served(base: string): Promise<{hash: string; url: string; summary: Summary}> {
  const html = await (await fetch(base)).text();
  const hash = /open\(\{hash: "([0-9a-f]+)"/.exec(html)?.[1];
  const path = /"(\.\/_file\/data\/summary\.json\?sha=[0-9a-f]+)"/.exec(html)?.[1];
  if (!hash || !path) throw new Error(`the index page has no hash or no summary.json:\n${html}`);
  const url = new URL(path, base).href;
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return {hash, url, summary: (await response.json()) as Summary};
}

describe("DATASET_LOADERS", () => {
  it("names every loader that reads the dataset", () => {
    const loaders = readdirSync("src/data").filter(
      (f) => /\.\w+\.ts$/.test(f) && readFileSync(join("src/data", f), "utf-8").includes("resolveDataset(")
    );
    expect([...DATASET_LOADERS].sort()).toEqual(loaders.sort());
  });
});

describe("describeChange(before, after)", () => {
  const at = (dir: string, files: Array<[string, number, number]>) => ({
    dataset: {dir, name: `Data in ${dir}`} as Dataset,
    files
  });
  const movies: [string, number, number] = ["/d/movies.dat", 10, 1];
  const ratings: [string, number, number] = ["/d/ratings.dat", 20, 1];
  it("names the files that changed, appeared or were removed", () => {
    expect(describeChange(at("/d", [movies, ratings]), at("/d", [movies, ratings]))).toBe("");
    expect(
      describeChange(
        at("/d", [movies, ratings, ["/d/my_ratings.dat", 5, 1]]),
        at("/d", [movies, ratings, ["/d/my_ratings.dat", 5, 2]])
      )
    ).toBe("my_ratings.dat changed");
    expect(describeChange(at("/d", [movies, ratings]), at("/d", [movies, ratings, ["/m/me.dat", 5, 1]]))).toBe(
      "me.dat appeared"
    );
    expect(
      describeChange(at("/d", [movies, ratings, ["/d/my_ratings.dat", 5, 1]]), at("/d", [movies, [ratings[0], 21, 2]]))
    ).toBe("ratings.dat changed, my_ratings.dat was removed");
  });
  it("names the new dataset when it moved", () => {
    expect(describeChange(at("/d", [movies, ratings]), at("/e", [movies, ratings]))).toBe(
      "The dataset is now Data in /e, from /e"
    );
  });
});

describe("npm run dev (scripts/dev.ts)", () => {
  let server: ChildProcess;
  let output = "";
  let base: string;
  let dataDir: string;
  let releaseLock = () => {};

  beforeAll(async () => {
    // The preview uses this checkout's Framework cache, as site builds by other test files do: one at a time.
    releaseLock = await acquireBuildLock();
    dataDir = join(mkdtempSync(join(tmpdir(), "dev-test-")), "data");
    await writeSynthetic(dataDir, SMALL);
    const port = await freePort();
    // Its own process group, so afterAll can stop the script, the preview and any loader it runs, all together.
    server = spawn(process.execPath, ["--import", "tsx", "scripts/dev.ts", "--port", String(port), "--no-open"], {
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
      // In colour, as in a terminal (and as CI runs it): Framework's colours must not let its chatter through.
      env: {...process.env, MOVIELENS_DIR: dataDir, OBSERVABLE_TELEMETRY_DISABLE: "true", FORCE_COLOR: "1"}
    });
    server.stdout!.on("data", (chunk) => (output += chunk));
    server.stderr!.on("data", (chunk) => (output += chunk));
    base = `http://127.0.0.1:${port}/`;
    await until(
      () => (output.includes(base) ? true : server.exitCode !== null ? Promise.reject(new Error(output)) : undefined),
      "the preview to start"
    );
  });

  afterAll(async () => {
    if (server?.pid && server.exitCode === null) {
      const exited = new Promise((done) => server.once("exit", done));
      process.kill(-server.pid, "SIGTERM");
      await exited;
    }
    releaseLock();
  });

  it("serves a replaced my_ratings.dat to the open pages without a restart, and says so", async () => {
    // Every response, through dev's proxy in front of the preview, carries the headers that isolate the page.
    const page = await fetch(base);
    expect(page.headers.get("cross-origin-opener-policy")).toBe("same-origin");
    expect(page.headers.get("cross-origin-embedder-policy")).toBe("require-corp");
    const before = await served(base);
    expect(before.summary.counts.myRatings).toBeGreaterThan(3); // the synthetic demo's ratings
    const socket = await openPreviewSocket(base, "/", before.hash);
    try {
      await until(() => socket.messages.find((m) => m.type === "welcome"), "the page's welcome");

      // Replace my_ratings.dat as an editor does: write a new file beside it, then rename it over the old one.
      const movieIds = readFileSync(join(dataDir, "movies.dat"), "utf-8")
        .split("\n")
        .slice(0, 3)
        .map((line) => +line.split("::")[0]);
      writeFileSync(
        join(dataDir, "my_ratings.dat.new"),
        movieIds.map((id, i) => `99999::${id}::${5 - i}::${1_800_000_000 + i}\n`).join("")
      );
      renameSync(join(dataDir, "my_ratings.dat.new"), join(dataDir, "my_ratings.dat"));

      // The open page is told its summary.json moved to a new URL, which serves the new ratings.
      const update = await until(
        () =>
          socket.messages.find(
            (m): m is PreviewMessage =>
              m.type === "update" && !!m.files?.added.some((f) => f.name === "./data/summary.json")
          ),
        "the page's update"
      );
      expect(update.files?.removed).toContain("./data/summary.json");
      const after = await until(async () => {
        const now = await served(base);
        return now.summary.counts.myRatings === 3 ? now : undefined;
      }, "the new summary.json");
      expect(after.url).not.toBe(before.url);
      expect(after.summary.lastRatings.filter((r) => r.userId === 99999).map((r) => [r.movieId, r.rating])).toEqual(
        movieIds.map((id, i) => [id, 5 - i])
      );
      expect(output).toContain("my_ratings.dat changed: the pages will reload with the new data.");
    } finally {
      socket.close();
    }
  });

  it(
    "refuses a second npm run dev in the same checkout on other data, with the reason, and the first keeps its " +
      "own data",
    async () => {
      const otherDir = join(mkdtempSync(join(tmpdir(), "dev-test-")), "data");
      await writeSynthetic(otherDir, {...SMALL, seed: 99});
      const second = spawn(
        process.execPath,
        ["--import", "tsx", "scripts/dev.ts", "--port", String(await freePort()), "--no-open"],
        {stdio: ["ignore", "pipe", "pipe"], env: {...process.env, MOVIELENS_DIR: otherDir}}
      );
      let said = "";
      second.stdout!.on("data", (chunk) => (said += chunk));
      second.stderr!.on("data", (chunk) => (said += chunk));
      const status = await new Promise<number | null>((done) => second.on("exit", done));
      expect(status).toBe(1);
      const first = "Synthetic MovieLens-shaped data (20,000 ratings, seed 7)";
      expect(said).toMatch(/^Another npm run dev \(process \d+\) is serving (.+) from this checkout\./);
      expect(said).toContain(`is serving ${first} from this checkout.`);
      expect(((await served(base)).summary as unknown as {dataset: {name: string}}).dataset.name).toBe(first);
    }
  );

  it("keeps the terminal readable: a page's requests and socket messages add no line each", async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      const errors = collectErrors(page);
      const requests: string[] = [];
      page.on("request", (request) => requests.push(new URL(request.url()).pathname));
      const before = output.length;
      await page.goto(base, {waitUntil: "networkidle"});
      await page.locator(".dataset-banner").waitFor();
      await new Promise((done) => setTimeout(done, 500)); // the filter holds an unfinished line for 50 ms
      const added = stripVTControlCharacters(output.slice(before))
        .split("\n")
        .filter((line) => line.trim());
      expect(errors).toEqual([]);
      expect(requests.length).toBeGreaterThan(10);
      // Served through dev's proxy, with the headers that isolate it: training takes several threads here too.
      expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
      expect(
        added.filter((line) => /\b(GET|HEAD) \/|socket (open|close)|[↑↓] |type: '(hello|welcome)'/.test(line)),
        added.join("\n")
      ).toEqual([]);
      expect(added.length, added.join("\n")).toBeLessThan(requests.length / 4);
    } finally {
      await browser.close();
    }
  });
});
