import {appendFileSync, copyFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {resolveDataset} from "../src/data/dataset.js";
import {readDataset} from "../src/data/readDataset.js";
import type {LoadedDataset} from "../src/data/parsedCache.js";

/** The real-format fixtures (whose ratings name movies that movies.dat lacks), plus two ratings of mine. */
function fixtureDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "parsedCache-test-"));
  copyFileSync("test/fixtures/movies.dat", join(dir, "movies.dat"));
  copyFileSync("test/fixtures/ratings.dat", join(dir, "ratings.dat"));
  writeFileSync(join(dir, "my_ratings.dat"), "99999::32::5::1700000000\n99999::50::4.5::1700000001\n");
  return dir;
}

async function read(dir: string, cacheDir: string | null): Promise<{loaded: LoadedDataset; log: string[]}> {
  const log: string[] = [];
  const loaded = await readDataset(await resolveDataset({env: {MOVIELENS_DIR: dir}}), (m) => log.push(m), {cacheDir});
  return {loaded, log};
}

const plain = (l: LoadedDataset) =>
  JSON.parse(JSON.stringify(l, (_, v) => (ArrayBuffer.isView(v) ? Array.from(v as Uint8Array) : v)));

describe("readDataset(dataset, log, {cacheDir})", () => {
  it("parses once, then reads the same dataset back from the cache, warnings included", async () => {
    const dir = fixtureDir(),
      cacheDir = mkdtempSync(join(tmpdir(), "parsed-"));
    const first = await read(dir, cacheDir);
    expect(first.log.join("\n")).toMatch(/^parsed 5 movies/m);
    expect(first.loaded.warnings).toEqual([
      expect.stringMatching(/^warning: dropped \d+ ratings of 3 movies that are not in movies\.dat$/)
    ]);
    const second = await read(dir, cacheDir);
    expect(second.log[0]).toMatch(/parsed by an earlier loader/);
    expect(second.log.slice(1)).toEqual(first.loaded.warnings);
    expect(plain(second.loaded)).toEqual(plain(first.loaded));
    expect(second.loaded.ratings.user).toBeInstanceOf(Uint32Array);
    expect(second.loaded.ratings.rating2).toBeInstanceOf(Uint8Array);
  });

  it("parses again when a file changes", async () => {
    const dir = fixtureDir(),
      cacheDir = mkdtempSync(join(tmpdir(), "parsed-"));
    await read(dir, cacheDir);
    appendFileSync(join(dir, "my_ratings.dat"), "99999::1::2::1700000002\n");
    const again = await read(dir, cacheDir);
    expect(again.log.join("\n")).toMatch(/^parsed 5 movies/m);
    expect(again.loaded.rows.myRatings).toBe(3);
  });

  it("parses again when the cached file is truncated or corrupt", async () => {
    const dir = fixtureDir(),
      cacheDir = mkdtempSync(join(tmpdir(), "parsed-"));
    const {loaded} = await read(dir, cacheDir);
    const [file] = readdirSync(cacheDir);
    const bytes = readFileSync(join(cacheDir, file));
    for (const broken of [
      bytes.subarray(0, bytes.length - 3),
      Buffer.from("not a cache file at all"),
      Buffer.alloc(0)
    ]) {
      writeFileSync(join(cacheDir, file), broken);
      const again = await read(dir, cacheDir);
      expect(again.log.join("\n")).toMatch(/^parsed 5 movies/m);
      expect(plain(again.loaded)).toEqual(plain(loaded));
    }
  });

  it("keeps the four newest entries, and nothing at all without a cache folder", async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), "parsed-"));
    for (let i = 0; i < 6; ++i) await read(fixtureDir(), cacheDir);
    expect(readdirSync(cacheDir).filter((f) => f.endsWith(".bin")).length).toBe(4);
    expect(readdirSync(cacheDir).some((f) => f.endsWith(".tmp"))).toBe(false);
    const {log} = await read(fixtureDir(), null);
    expect(log.join("\n")).toMatch(/^parsed 5 movies/m);
  });
});
