import {describe, expect, it} from "vitest";
import {
  browserSaid,
  idbOpen,
  idbRead,
  idbRequest,
  idbTransactionDone
} from "../../src/components/browser/idbRequest.js";
import {fakeIndexedDB} from "../support/fakeIndexedDB.js";

const toError = (error: DOMException | null) => new Error(`failed: ${error?.name ?? "no error"}`);
const open = (factory = fakeIndexedDB()) =>
  idbOpen(
    factory,
    "test",
    1,
    (db) => void db.createObjectStore("items", {keyPath: "id", autoIncrement: true}),
    toError
  );

describe("idbOpen(factory, name, version, upgrade, toError)", () => {
  it("creates the stores on first use only", async () => {
    const factory = fakeIndexedDB();
    let upgrades = 0;
    const upgrade = (db: IDBDatabase) => (++upgrades, void db.createObjectStore("items"));
    await idbOpen(factory, "test", 1, upgrade, toError);
    const db = await idbOpen(factory, "test", 1, upgrade, toError);
    expect(upgrades).toBe(1);
    expect(await idbRequest(db.transaction("items").objectStore("items").getAll(), toError)).toEqual([]);
  });
});

describe("idbRequest(request, toError)", () => {
  it("resolves to the request's result", async () => {
    const db = await open();
    const tx = db.transaction("items", "readwrite");
    expect(await idbRequest(tx.objectStore("items").add({name: "a"}), toError)).toBe(1);
    await idbTransactionDone(tx, toError);
    expect(await idbRequest(db.transaction("items").objectStore("items").get(1), toError)).toEqual({id: 1, name: "a"});
  });

  it("rejects with the request's error, through toError", async () => {
    const db = await open();
    const tx = db.transaction("items", "readwrite");
    tx.objectStore("items").add({id: 1});
    const failed = idbRequest(tx.objectStore("items").add({id: 1}), toError);
    const done = idbTransactionDone(tx, toError);
    await expect(failed).rejects.toThrow("failed: ConstraintError");
    await expect(done).rejects.toThrow("failed: ConstraintError");
  });
});

describe("idbTransactionDone(tx, toError)", () => {
  it("resolves on commit, and rejects with the transaction's error when a commit aborts", async () => {
    const db = await idbOpen(fakeIndexedDB({quota: 2}), "test", 1, (db) => void db.createObjectStore("bytes"), toError);
    const ok = db.transaction("bytes", "readwrite");
    ok.objectStore("bytes").put(new ArrayBuffer(2), "a");
    await expect(idbTransactionDone(ok, toError)).resolves.toBeUndefined();
    const full = db.transaction("bytes", "readwrite");
    full.objectStore("bytes").put(new ArrayBuffer(3), "b");
    await expect(idbTransactionDone(full, toError)).rejects.toThrow("failed: QuotaExceededError");
    expect(await idbRequest(db.transaction("bytes").objectStore("bytes").getAll(), toError)).toEqual([
      new ArrayBuffer(2)
    ]);
  });
});

describe("idbRead(read, {tries, delayMs})", () => {
  it("tries a failing read again, waiting longer each time, and rejects with the last failure", async () => {
    const started: number[] = [];
    const failing = (times: number) => async () => {
      started.push(performance.now());
      if (started.length <= times) throw new Error(`failure ${started.length}`);
      return "read";
    };
    expect(await idbRead(failing(2), {tries: 3, delayMs: 20})).toBe("read");
    expect(started.length).toBe(3);
    // 20 ms before the second try, 60 ms before the third.
    expect(started[1] - started[0]).toBeGreaterThanOrEqual(19);
    expect(started[2] - started[1]).toBeGreaterThanOrEqual(59);
    started.length = 0;
    await expect(idbRead(failing(3), {tries: 3, delayMs: 1})).rejects.toThrow("failure 3");
    expect(started.length).toBe(3);
  });
});

describe("browserSaid(error)", () => {
  it("quotes the browser's own name and message for the end of a message, and says nothing when it gave none", () => {
    expect(browserSaid({name: "UnknownError", message: "Failed to read large IndexedDB value"})).toBe(
      " The browser said: “UnknownError: Failed to read large IndexedDB value”."
    );
    expect(browserSaid({name: "AbortError", message: ""})).toBe(" The browser said: “AbortError”.");
    expect(browserSaid(null)).toBe("");
  });
});
