// The browser tests' profile snapshot (test/support/profileSnapshot.ts), which newTrainedContext restores for every
// test after the first of a file: what a restored profile holds must be what the trained one held, values over
// Chrome's 64 kB blob threshold included (Playwright's own restore left them unreadable now and then: "UnknownError:
// Failed to read large IndexedDB value", CI's failure at stop 32).
import {mkdtempSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import type {Page} from "playwright-core";
import {describe, expect, it} from "vitest";
import {useBrowserSite} from "../support/browserSite.js";
import {snapshotProfile} from "../support/profileSnapshot.js";

const site = useBrowserSite(async () => {
  const dir = mkdtempSync(join(tmpdir(), "profile-snapshot-"));
  writeFileSync(
    join(dir, "index.html"),
    '<!doctype html><link rel="icon" href="data:,"><title>profile</title><p>profile</p>'
  );
  return {dir};
});

/** Everything database "db" holds, as the page reads it: each store's keys and values, large values summed. */
function readAll(page: Page) {
  return page.evaluate(async () => {
    const open = indexedDB.open("db");
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const tx = db.transaction(["runs", "models"]);
    const runs = tx.objectStore("runs").getAll();
    const keys = tx.objectStore("models").getAllKeys();
    const models = tx.objectStore("models").getAll();
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    // A new run after the restore takes the next id, as it would have in the trained profile.
    const add = db.transaction("runs", "readwrite").objectStore("runs").add({name: "after"});
    const nextId = await new Promise((resolve, reject) => {
      add.onsuccess = () => resolve(add.result);
      add.onerror = () => reject(add.error);
    });
    db.close();
    return {
      version: db.version,
      runs: runs.result,
      keys: keys.result,
      models: (models.result as {info: string; bytes: ArrayBuffer; predictions: Float32Array}[]).map((m) => ({
        info: m.info,
        bytes: m.bytes.byteLength,
        sum: new Float32Array(m.bytes).reduce((a, b) => a + b, 0),
        predictions: [...m.predictions]
      })),
      nextId,
      kept: localStorage.getItem("kept")
    };
  });
}

describe("profileSnapshot", () => {
  it("restores localStorage and every IndexedDB record, a 3 MB model included, and key generators go on", async () => {
    const trained = await site.newContext();
    const page = await site.open("./");
    await page.evaluate(async () => {
      localStorage.setItem("kept", "yes");
      const open = indexedDB.open("db", 3);
      open.onupgradeneeded = () => {
        open.result.createObjectStore("runs", {keyPath: "id", autoIncrement: true});
        open.result.createObjectStore("models");
      };
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const tx = db.transaction(["runs", "models"], "readwrite");
      for (const name of ["first", "second"]) tx.objectStore("runs").add({name});
      const weights = new Float32Array(750_000).map((_, i) => (i % 7) / 8);
      tx.objectStore("models").put({info: "latest", bytes: weights.buffer, predictions: weights.slice(0, 3)}, "model");
      tx.objectStore("models").put({info: "small", bytes: new ArrayBuffer(8), predictions: new Float32Array(1)}, 9);
      await new Promise<void>((resolve, reject) => {
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
      db.close();
    });
    const snapshot = await snapshotProfile(trained, site.url);
    const before = await readAll(page);
    expect(before).toMatchObject({version: 3, keys: [9, "model"], nextId: 3, kept: "yes"});
    expect(before.models[1]).toMatchObject({info: "latest", bytes: 3_000_000});
    await site.newContext({profile: snapshot});
    expect(await readAll(await site.open("./"))).toEqual(before);
  });
});
