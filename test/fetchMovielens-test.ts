import {execFile, spawn} from "node:child_process";
import {createHash} from "node:crypto";
import {readFileSync} from "node:fs";
import {mkdir, mkdtemp, readdir, readFile, rm, writeFile} from "node:fs/promises";
import {createServer} from "node:http";
import type {AddressInfo} from "node:net";
import type {Server} from "node:http";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {fileURLToPath} from "node:url";
import {strToU8, zipSync} from "fflate";
import {afterAll, afterEach, beforeAll, beforeEach, describe, expect, it} from "vitest";
import {fetchMovielens, formatProgress, releaseUrl} from "../scripts/fetchMovielens.js";
import type {FetchProgress} from "../scripts/fetchMovielens.js";
import {U_GENRE} from "./support/uGenre.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const MOVIES =
  "1::Paper Lanterns (1995)::Adventure|Animation|Children|Comedy|Fantasy\n2::Copper Canyon " +
  "(1995)::Adventure|Children|Fantasy\n";
const TAGS = "15::4973::excellent!::1215184630\n";
// Pseudo-random ratings so the deflated entry spans several 64 KiB read chunks.
const RATINGS = Array.from(
  {length: 30_000},
  (_, i) =>
    `${1 + ((i * 7919) % 997)}::${1 + ((i * 104_729) % 65_133)}::${1 + ((i * 31) % 5)}::${838_985_046 + i * 7_777}\n`
).join("");

const GOOD = zipSync({
  "ml-10M100K": {
    "movies.dat": strToU8(MOVIES),
    "ratings.dat": strToU8(RATINGS),
    "tags.dat": strToU8(TAGS),
    "README.html": strToU8("<p>MovieLens 10M</p>"),
    "allbut.pl": strToU8("#!/usr/bin/perl\n")
  }
});
const NEW = zipSync({
  "ml-10M100K": {"movies.dat": strToU8("3::Heat (1995)::Action\n"), "ratings.dat": strToU8("1::1::5::900000046\n")}
});
const NO_RATINGS = zipSync({"ml-10M100K": {"movies.dat": strToU8(MOVIES), "tags.dat": strToU8(TAGS)}});
const md5 = (data: Uint8Array) => createHash("md5").update(data).digest("hex");
const fixture = (path: string) => new Uint8Array(readFileSync(`test/fixtures/${path}`));
// The CSV releases' and ML-100K's layouts, with files the workbook skips (the tag genome, ML-100K's train/test splits).
const SMALL = zipSync({
  "ml-latest-small": {
    "movies.csv": fixture("ml-latest-small/movies.csv"),
    "ratings.csv": fixture("ml-latest-small/ratings.csv"),
    "links.csv": strToU8("movieId,imdbId,tmdbId\n1,0114709,862\n"),
    "genome-scores.csv": strToU8("movieId,tagId,relevance\n"),
    "README.txt": strToU8("ml-latest-small")
  }
});
const ML100K = zipSync({
  "ml-100k": {
    "u.data": fixture("ml-100k/u.data"),
    "u.item": fixture("ml-100k/u.item"),
    "u.genre": U_GENRE,
    "u1.base": strToU8("1\t1\t5\t874965758\n"),
    "allbut.pl": strToU8("#!/usr/local/bin/perl\n"),
    README: strToU8("ml-100k")
  }
});

let server: Server;
let base: string;
let dir: string;
let dest: string;

beforeAll(async () => {
  const zips: Record<string, Uint8Array> = {
    "/good.zip": GOOD,
    "/new.zip": NEW,
    "/noratings.zip": NO_RATINGS,
    "/ml-latest-small.zip": SMALL,
    "/ml-100k.zip": ML100K
  };
  server = createServer((req, res) => {
    const path = req.url ?? "";
    if (zips[path]) return void res.writeHead(200, {"Content-Length": zips[path].length}).end(zips[path]);
    if (path === "/good.zip.md5") return void res.end(`MD5 (good.zip) = ${md5(GOOD)}\n`);
    // GroupLens's own .md5 files, as md5sum and BSD md5 write them.
    if (path === "/ml-latest-small.zip.md5") return void res.end(`${md5(SMALL)}  ml-latest-small.zip\n`);
    if (path === "/ml-100k.zip.md5") return void res.end(`MD5 (ml-100k.zip) = ${md5(ML100K)}\n`);
    if (path === "/truncated.zip") {
      // Promise the whole archive, send half, then drop the connection.
      res.writeHead(200, {"Content-Length": GOOD.length});
      return void res.write(GOOD.subarray(0, GOOD.length >> 1), () => res.destroy());
    }
    if (path === "/stall.zip") {
      res.writeHead(200, {"Content-Length": GOOD.length});
      return void res.write(GOOD.subarray(0, GOOD.length >> 1));
    }
    res.writeHead(404).end("not here");
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((done) => server.close(done));
});

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "fetchMovielens-"));
  dest = join(dir, "ml-10M100K");
});

afterEach(async () => {
  await rm(dir, {recursive: true, force: true});
});

describe("fetchMovielens(options)", () => {
  it("downloads, verifies and unpacks the archive into dest", async () => {
    const progress: FetchProgress[] = [];
    const result = await fetchMovielens({
      url: `${base}/good.zip`,
      md5: md5(GOOD),
      dest,
      onProgress: (p) => progress.push(p)
    });
    expect(result).toEqual({dest, bytes: GOOD.length, md5: md5(GOOD)});
    expect((await readdir(dest)).sort()).toEqual(["README.html", "movies.dat", "ratings.dat", "tags.dat"]);
    expect(await readFile(join(dest, "movies.dat"), "utf8")).toBe(MOVIES);
    expect(await readFile(join(dest, "ratings.dat"), "utf8")).toBe(RATINGS);
    expect(await readFile(join(dest, "tags.dat"), "utf8")).toBe(TAGS);
    expect(await readdir(dir)).toEqual(["ml-10M100K"]);
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.at(-1)!.received).toBe(GOOD.length);
    expect(progress.at(-1)!.total).toBe(GOOD.length);
  });

  it("rejects a checksum mismatch and writes nothing", async () => {
    const promise = fetchMovielens({url: `${base}/good.zip`, md5: "0".repeat(32), dest});
    await expect(promise).rejects.toThrow(
      `Checksum mismatch for ${base}/good.zip: expected ${"0".repeat(32)}, got ${md5(GOOD)}`
    );
    expect(await readdir(dir)).toEqual([]);
  });

  it("rejects a truncated transfer and writes nothing", async () => {
    const promise = fetchMovielens({url: `${base}/truncated.zip`, md5: md5(GOOD), dest});
    await expect(promise).rejects.toThrow(new RegExp(`^Download interrupted after \\d+ of ${GOOD.length} bytes`));
    expect(await readdir(dir)).toEqual([]);
  });

  it("rejects an HTTP error and writes nothing", async () => {
    const promise = fetchMovielens({url: `${base}/missing.zip`, md5: md5(GOOD), dest});
    await expect(promise).rejects.toThrow(`Download failed: HTTP 404 Not Found for ${base}/missing.zip`);
    expect(await readdir(dir)).toEqual([]);
  });

  it("explains when the host cannot be reached", async () => {
    const closed = createServer();
    await new Promise<void>((done) => closed.listen(0, "127.0.0.1", done));
    const {port} = closed.address() as AddressInfo;
    await new Promise((done) => closed.close(done));
    const promise = fetchMovielens({url: `http://127.0.0.1:${port}/ml-10m.zip`, md5: md5(GOOD), dest});
    await expect(promise).rejects.toThrow(
      `Could not reach 127.0.0.1:${port} (ECONNREFUSED). Check your internet connection`
    );
    expect(await readdir(dir)).toEqual([]);
  });

  it("keeps an existing dataset when a download fails and replaces it when one succeeds", async () => {
    await mkdir(dest);
    await writeFile(join(dest, "movies.dat"), "old\n");
    await writeFile(join(dest, "marker"), "old\n");
    await expect(fetchMovielens({url: `${base}/missing.zip`, md5: md5(NEW), dest})).rejects.toThrow("HTTP 404");
    await expect(fetchMovielens({url: `${base}/new.zip`, md5: "f".repeat(32), dest})).rejects.toThrow(
      "Checksum mismatch"
    );
    expect((await readdir(dest)).sort()).toEqual(["marker", "movies.dat"]);
    expect(await readFile(join(dest, "movies.dat"), "utf8")).toBe("old\n");
    await fetchMovielens({url: `${base}/new.zip`, md5: md5(NEW), dest});
    expect((await readdir(dest)).sort()).toEqual(["movies.dat", "ratings.dat"]);
    expect(await readFile(join(dest, "movies.dat"), "utf8")).toBe("3::Heat (1995)::Action\n");
    expect(await readdir(dir)).toEqual(["ml-10M100K"]);
  });

  it("reads the published <url>.md5 when md5 is null", async () => {
    const urls: string[] = [];
    const spy: typeof fetch = (input, init) => (urls.push(String(input)), fetch(input, init));
    const result = await fetchMovielens({url: `${base}/good.zip`, md5: null, dest, fetch: spy});
    expect(urls).toEqual([`${base}/good.zip.md5`, `${base}/good.zip`]);
    expect(result.md5).toBe(md5(GOOD));
    expect(await readFile(join(dest, "movies.dat"), "utf8")).toBe(MOVIES);
  });

  it("rejects an archive without ratings.dat and writes nothing", async () => {
    const promise = fetchMovielens({url: `${base}/noratings.zip`, md5: md5(NO_RATINGS), dest});
    await expect(promise).rejects.toThrow(
      `The archive from ${base}/noratings.zip has no ratings.dat; it contains ml-10M100K/movies.dat, ` +
        `ml-10M100K/tags.dat.`
    );
    expect(await readdir(dir)).toEqual([]);
  });

  it("rejects a malformed md5 option with a TypeError", async () => {
    await expect(fetchMovielens({url: `${base}/good.zip`, md5: "abc", dest})).rejects.toThrow(TypeError);
    expect(await readdir(dir)).toEqual([]);
  });
});

describe("fetchMovielens({release, …})", () => {
  it(
    "fetches a CSV release, checked against the .md5 published beside it, " + "keeping the files the CSV format reads",
    async () => {
      const urls: string[] = [];
      const spy: typeof fetch = (input, init) => (urls.push(String(input)), fetch(input, init));
      const result = await fetchMovielens({
        release: "ml-latest-small",
        url: `${base}/ml-latest-small.zip`,
        dest,
        fetch: spy
      });
      expect(urls).toEqual([`${base}/ml-latest-small.zip.md5`, `${base}/ml-latest-small.zip`]);
      expect(result.md5).toBe(md5(SMALL));
      expect((await readdir(dest)).sort()).toEqual(["README.txt", "links.csv", "movies.csv", "ratings.csv"]);
      expect(await readFile(join(dest, "movies.csv"))).toEqual(Buffer.from(fixture("ml-latest-small/movies.csv")));
    }
  );

  it("fetches ML-100K with u.genre, and refuses it when its .md5 does not match", async () => {
    await fetchMovielens({release: "ml-100k", url: `${base}/ml-100k.zip`, dest});
    expect((await readdir(dest)).sort()).toEqual(["README", "u.data", "u.genre", "u.item"]);
    expect(await readFile(join(dest, "u.item"))).toEqual(Buffer.from(fixture("ml-100k/u.item")));
    const other = join(dir, "ml-100k");
    await expect(
      fetchMovielens({release: "ml-100k", url: `${base}/ml-latest-small.zip`, md5: md5(ML100K), dest: other})
    ).rejects.toThrow("Checksum mismatch");
    await expect(
      fetchMovielens({release: "ml-100k", url: `${base}/noratings.zip`, md5: md5(NO_RATINGS), dest: other})
    ).rejects.toThrow(
      "it contains ml-10M100K/movies.dat, ml-10M100K/tags.dat. Check that the URL points to ml-100k.zip."
    );
    expect(await readdir(dir)).toEqual(["ml-10M100K"]);
  });

  it("builds each release's URL on files.grouplens.org, and refuses an unknown release", () => {
    expect(releaseUrl("ml-32m")).toBe("https://files.grouplens.org/datasets/movielens/ml-32m.zip");
    expect(releaseUrl("ml-latest-small")).toBe("https://files.grouplens.org/datasets/movielens/ml-latest-small.zip");
    expect(() => releaseUrl("ml-5m")).toThrow('Unknown MovieLens release "ml-5m"');
  });
});

describe("formatProgress(progress)", () => {
  it("draws a ten-step bar with sizes and speed", () => {
    expect(formatProgress({received: 12_300_000, total: 63_200_000, bytesPerSecond: 4_100_000})).toBe(
      "[#.........] 12.3 MB / 63.2 MB  4.1 MB/s"
    );
    expect(formatProgress({received: 63_200_000, total: 63_200_000, bytesPerSecond: 0})).toBe(
      "[##########] 63.2 MB / 63.2 MB  0.0 kB/s"
    );
    expect(formatProgress({received: 2_500, total: null, bytesPerSecond: 900})).toBe("2.5 kB  0.9 kB/s");
  });
});

describe("data-fetch CLI", () => {
  const env = {...process.env, MOVIELENS_URL: undefined, MOVIELENS_MD5: undefined};
  const cli = (args: string[]) =>
    new Promise<{code: number; stderr: string}>((done) => {
      execFile(
        "node",
        ["--import", "tsx", "scripts/data-fetch.ts", ...args],
        {cwd: ROOT, env},
        (error, _stdout, stderr) => {
          done({code: error ? Number(error.code) : 0, stderr});
        }
      );
    });

  it("exits 0 after drawing progress, and 1 with a one-line message for a 404", async () => {
    const ok = await cli(["--url", `${base}/good.zip`, "--md5", md5(GOOD), "--dest", dest]);
    expect(ok.code).toBe(0);
    expect(ok.stderr).toMatch(/\[#{10}\] \d+\.\d (kB|MB) \/ \d+\.\d (kB|MB) {2}\d+\.\d (kB|MB)\/s/);
    expect(ok.stderr).toContain(`MovieLens 10M is in ${dest}/`);
    expect(ok.stderr).toContain("npm run dev");
    expect(await readFile(join(dest, "ratings.dat"), "utf8")).toBe(RATINGS);
    const failed = await cli(["--url", `${base}/missing.zip`, "--md5", md5(GOOD), "--dest", join(dir, "other")]);
    expect(failed.code).toBe(1);
    expect(failed.stderr.trim().split("\n").at(-1)).toBe(`Download failed: HTTP 404 Not Found for ${base}/missing.zip`);
    expect(failed.stderr).not.toContain("    at ");
    expect(await readdir(dir)).toEqual(["ml-10M100K"]);
  });

  it("removes its temp folder when interrupted with Ctrl-C", async () => {
    const child = spawn(
      "node",
      ["--import", "tsx", "scripts/data-fetch.ts", "--url", `${base}/stall.zip`, "--md5", md5(GOOD), "--dest", dest],
      {cwd: ROOT, env}
    );
    let stderr = "";
    const exited = new Promise<number | null>((done) => child.on("exit", (code) => done(code)));
    await new Promise<void>((started) =>
      child.stderr.on("data", (data) => {
        stderr += data;
        if (/ (kB|MB) \//.test(stderr)) started();
      })
    );
    expect((await readdir(dir)).length).toBe(1);
    child.kill("SIGINT");
    expect(await exited).toBe(130);
    expect(stderr).toContain("Download cancelled; nothing was written.");
    expect(await readdir(dir)).toEqual([]);
  });
});
