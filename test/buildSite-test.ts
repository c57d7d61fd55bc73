import {spawnSync} from "node:child_process";
import {existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {SITE_CACHE, acquireBuildLock, siteCacheEntry, withBuildLock} from "../scripts/lib/buildSite.js";

const LOCK = join(SITE_CACHE, ".lock");

function dataFolder(files: Record<string, string>): string {
  const dir = join(mkdtempSync(join(tmpdir(), "site-entry-")), "data");
  mkdirSync(dir, {recursive: true});
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe("siteCacheEntry(dataDir, env)", () => {
  it("is the same for the same bytes in another folder, and differs for one changed byte, a file or the env", () => {
    const files = {"movies.dat": "1::Toy Story (1995)::Animation\n", "ratings.dat": "1::1::4::0\n"};
    const entry = siteCacheEntry(dataFolder(files), {});
    expect(entry.startsWith(`${SITE_CACHE}/`)).toBe(true);
    expect(siteCacheEntry(dataFolder(files), {})).toBe(entry);
    expect(siteCacheEntry(dataFolder({...files, "ratings.dat": "1::1::5::0\n"}), {})).not.toBe(entry);
    expect(siteCacheEntry(dataFolder({...files, "my_ratings.dat": ""}), {})).not.toBe(entry);
    expect(siteCacheEntry(dataFolder(files), {WORKBOOK_PUBLISH: "1"})).not.toBe(entry);
  });
});

describe("withBuildLock(task)", () => {
  it("runs tasks one at a time, and frees the lock after a task that throws", async () => {
    const events: string[] = [];
    const task = (name: string) => async () => {
      events.push(`${name} start`);
      await new Promise((done) => setTimeout(done, 300));
      events.push(`${name} end`);
    };
    await Promise.all([withBuildLock(task("a")), withBuildLock(task("b"))]);
    expect(events).toEqual(["a start", "a end", "b start", "b end"]);
    await expect(withBuildLock(() => Promise.reject(new Error("build failed")))).rejects.toThrow("build failed");
    expect(existsSync(LOCK)).toBe(false);
  });

  it("takes over a lock whose holder died", async () => {
    const dead = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], {encoding: "utf-8"});
    const release = await acquireBuildLock();
    writeFileSync(join(LOCK, "pid"), dead.stdout);
    // The holder named in the lock is gone: the next process takes the lock instead of waiting (for ever) for it.
    await withBuildLock(async () => {
      expect(readFileSync(join(LOCK, "pid"), "utf-8")).toBe(String(process.pid));
    });
    release();
  });
});
