// @vitest-environment jsdom
import {describe, expect, it} from "vitest";
import type {WorkbookStore} from "../../src/components/browser/workbookStore.js";
import {checkpointShelf} from "../../src/components/page/checkpointShelf.js";
import {ANNOUNCER_ID} from "../../src/components/ui/announce.js";

/** A store whose latest model and checkpoint list are counted reads, and which counts its closing. */
function fakeStore() {
  const reads = {latest: 0, checkpoints: 0, closed: 0};
  const store = {
    problem: null,
    getLatest: async () => ({info: {name: `latest ${++reads.latest}`}}),
    listCheckpoints: async () => [{name: `list ${++reads.checkpoints}`}],
    close: () => void reads.closed++
  } as unknown as WorkbookStore & {problem: null};
  return {reads, store};
}

describe("checkpointShelf(invalidation, {open, confirm})", () => {
  it("follows the latest model and the checkpoints, read again at each change; closes with the page", async () => {
    const {reads, store} = fakeStore();
    let end!: () => void;
    const invalidation = new Promise<void>((resolve) => (end = resolve));
    const shelf = await checkpointShelf(invalidation, {open: async () => store});
    expect(shelf.store).toBe(store);
    expect((await shelf.latest.next()).value).toEqual({info: {name: "latest 1"}});
    expect((await shelf.checkpoints.next()).value).toEqual([{name: "list 1"}]);
    const [latest, checkpoints] = [shelf.latest.next(), shelf.checkpoints.next()];
    shelf.changed();
    expect((await latest).value).toEqual({info: {name: "latest 2"}});
    expect((await checkpoints).value).toEqual([{name: "list 2"}]);
    // A generator returned (its cell ended) leaves the other following.
    await shelf.latest.return(null);
    shelf.changed();
    expect((await shelf.checkpoints.next()).value).toEqual([{name: "list 3"}]);
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
    expect((await checkpoints).value).toEqual([{name: "list 2"}]);
  });
});
