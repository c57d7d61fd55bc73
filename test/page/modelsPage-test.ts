import {describe, expect, it} from "vitest";
import type {WorkbookStore} from "../../src/components/browser/workbookStore.js";
import {followModels, modelStores, modelsPage} from "../../src/components/page/modelsPage.js";

/** A store that counts how often it was closed. */
const counting = () => {
  const closed: number[] = [];
  return {closed, store: {close: () => void closed.push(1)} as unknown as WorkbookStore};
};

describe("modelsPage(invalidation, open)", () => {
  it("opens the store for the page, and closes it when the page's cell ends", async () => {
    const {closed, store} = counting();
    let end!: () => void;
    const invalidation = new Promise<void>((resolve) => (end = resolve));
    const opened = await modelsPage(invalidation, async () => Object.assign(store, {problem: null}));
    expect(opened.problem).toBeNull();
    expect(closed).toEqual([]);
    end();
    await invalidation;
    expect(closed).toEqual([1]);
  });
});

describe("modelStores(open)", () => {
  it("opens a store per run where the browser keeps them, closing the one it probed", async () => {
    const {closed, store} = counting();
    const stores = await modelStores(async () => store);
    expect(stores.problem).toBeNull();
    expect(closed).toEqual([1]);
    expect(await stores.openWorkbookStore()).toBe(store);
  });

  it("shares one store in the page's memory where the browser keeps none, and says why", async () => {
    const stores = await modelStores(() => Promise.reject(new DOMException("blocked", "SecurityError")));
    expect(stores.problem).not.toBeNull();
    const first = await stores.openWorkbookStore();
    expect(await stores.openWorkbookStore()).toBe(first);
  });
});

describe("followModels(read, changes)", () => {
  it("reads the store now and again at each change another tab makes, and stops listening when returned", async () => {
    let tell: ((value: number) => void) | undefined;
    let listening = false;
    const changes = (notify: (value: number) => void) => {
      listening = true;
      notify(0);
      tell = notify;
      return () => void (listening = false);
    };
    let reads = 0;
    const models = followModels(async () => `read ${++reads}`, changes);
    expect(await models.next()).toEqual({done: false, value: "read 1"});
    const next = models.next();
    tell!(Date.now());
    expect(await next).toEqual({done: false, value: "read 2"});
    expect(listening).toBe(true);
    await models.return(undefined);
    expect(listening).toBe(false);
    expect(reads).toBe(2);
  });
});
