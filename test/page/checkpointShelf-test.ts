// @vitest-environment jsdom
import {describe, expect, it} from "vitest";
import type {WorkbookStore} from "../../src/components/browser/workbookStore.js";
import {checkpointShelf} from "../../src/components/page/checkpointShelf.js";
import {ANNOUNCER_ID} from "../../src/components/ui/announce.js";

/**
 * A store whose latest model and checkpoint list are counted reads (each a new model and list, unless `same` is set),
 * and which counts its closing.
 */
function fakeStore() {
  const reads = {latest: 0, checkpoints: 0, closed: 0, same: false};
  const version = (n: number) => (reads.same ? 1 : n);
  const store = {
    problem: null,
    getLatest: async () => ({
      info: {name: `latest ${version(++reads.latest)}`, savedAt: "t"},
      bytes: new ArrayBuffer(1)
    }),
    listCheckpoints: async () => [{id: 1, name: `list ${version(++reads.checkpoints)}`, savedAt: "t"}],
    close: () => void reads.closed++
  } as unknown as WorkbookStore & {problem: null};
  return {reads, store};
}
const name = (result: IteratorResult<unknown>) =>
  (result.value as {info?: {name: string}}).info?.name ?? (result.value as {name: string}[])[0].name;
/** Whether `next` is still waiting after the store's reads had time to settle. */
const pending = (next: Promise<unknown>) =>
  Promise.race([next.then(() => false), new Promise((resolve) => setTimeout(() => resolve(true), 20))]);

describe("checkpointShelf(invalidation, {open, confirm})", () => {
  it("fails the page's cell with the store's words when a read fails after an action", async () => {
    const {store} = fakeStore();
    let fail = false;
    const getLatest = store.getLatest.bind(store);
    Object.assign(store, {getLatest: () => (fail ? Promise.reject(new Error("could not read")) : getLatest())});
    const shelf = await checkpointShelf(new Promise(() => {}), {open: async () => store});
    expect(name(await shelf.latest.next())).toBe("latest 1");
    fail = true;
    shelf.changed();
    await expect(shelf.latest.next()).rejects.toThrow("could not read");
  });

  it("follows the latest model and the checkpoints, read again at each change; closes with the page", async () => {
    const {reads, store} = fakeStore();
    let end!: () => void;
    const invalidation = new Promise<void>((resolve) => (end = resolve));
    const shelf = await checkpointShelf(invalidation, {open: async () => store});
    expect(shelf.store).toBe(store);
    expect(name(await shelf.latest.next())).toBe("latest 1");
    expect(name(await shelf.checkpoints.next())).toBe("list 1");
    const [latest, checkpoints] = [shelf.latest.next(), shelf.checkpoints.next()];
    shelf.changed();
    expect(name(await latest)).toBe("latest 2");
    expect(name(await checkpoints)).toBe("list 2");
    // Read again and the same: nothing new, so the views keep the focus and the fields a reader was in.
    reads.same = true;
    shelf.changed();
    shelf.changed();
    expect(name(await shelf.latest.next())).toBe("latest 1");
    const unchanged = shelf.latest.next();
    shelf.changed();
    expect(await pending(unchanged)).toBe(true);
    // Changed again: the value follows.
    reads.same = false;
    shelf.changed();
    expect(name(await unchanged)).toMatch(/^latest \d+$/);
    // A generator returned (its cell ended) leaves the other following.
    await shelf.latest.return(null);
    shelf.changed();
    expect(name(await shelf.checkpoints.next())).toMatch(/^list \d+$/);
    end();
    await invalidation;
    expect(reads.closed).toBe(1);
  });

  it("says each message in the page and to a screen reader, and an empty one clears the page's line only", async () => {
    const {store} = fakeStore();
    const shelf = await checkpointShelf(new Promise(() => {}), {open: async () => store});
    expect((await shelf.message.next()).value).toBe("");
    const next = shelf.message.next();
    shelf.say("Saved “x”.");
    expect((await next).value).toBe("Saved “x”.");
    expect(document.getElementById(ANNOUNCER_ID)!.textContent).toBe("Saved “x”.");
    const cleared = shelf.message.next();
    shelf.say("");
    expect((await cleared).value).toBe("");
    expect(document.getElementById(ANNOUNCER_ID)!.textContent).toBe("Saved “x”.");
  });

  it("gives its actions its say and changed: a delete asks first, then says so and reads the lists again", async () => {
    const {store} = fakeStore();
    const deleted: number[] = [];
    Object.assign(store, {
      getCheckpoint: async (id: number) => ({info: {name: "four"}, id}),
      deleteCheckpoint: async (id: number) => void deleted.push(id)
    });
    const asked: string[] = [];
    const confirm = (question: string) => (asked.push(question), true);
    const shelf = await checkpointShelf(new Promise(() => {}), {open: async () => store, confirm});
    await Promise.all([shelf.checkpoints.next(), shelf.message.next()]);
    const [message, checkpoints] = [shelf.message.next(), shelf.checkpoints.next()];
    await shelf.checkpoint.remove(4);
    expect(asked).toHaveLength(1);
    expect(deleted).toEqual([4]);
    expect((await message).value).toBe("Deleted “four”.");
    expect(name(await checkpoints)).toBe("list 2");
  });
});
