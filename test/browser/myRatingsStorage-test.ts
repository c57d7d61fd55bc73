import {describe, expect, it} from "vitest";
import {
  LEGACY_ADOPTED_KEY,
  LEGACY_KEY,
  applyMyRatingChanges,
  myRatingsKey,
  openMyRatings
} from "../../src/components/browser/myRatingsStorage.js";

/** localStorage as one browser has it: shared by every tab of the site. */
class MemoryStorage implements Storage {
  private map = new Map<string, string>();
  get length() {
    return this.map.size;
  }
  clear() {
    this.map.clear();
  }
  getItem(key: string) {
    return this.map.get(key) ?? null;
  }
  key(i: number) {
    return [...this.map.keys()][i] ?? null;
  }
  removeItem(key: string) {
    this.map.delete(key);
  }
  setItem(key: string, value: string) {
    this.map.set(key, String(value));
  }
}

/** localStorage as Chrome has it: one truth, and a copy per tab that sees other tabs' writes only once delivered. */
class LaggyBrowser {
  private truth = new Map<string, string | null>();
  private pending: {from: MemoryStorage; key: string; value: string | null}[] = [];
  private tabs: MemoryStorage[] = [];
  tab(): MemoryStorage {
    const copy = new MemoryStorage();
    for (const [k, v] of this.truth) if (v !== null) copy.setItem(k, v);
    const write = (key: string, value: string | null) => {
      this.truth.set(key, value);
      this.pending.push({from: copy, key, value});
    };
    const {setItem, removeItem} = copy;
    copy.setItem = (key, value) => (setItem.call(copy, key, value), write(key, String(value)));
    copy.removeItem = (key) => (removeItem.call(copy, key), write(key, null));
    this.tabs.push(copy);
    return copy;
  }
  /** Delivers every write to every other tab's copy, in the order they were made. */
  deliver(): void {
    for (const {from, key, value} of this.pending.splice(0)) {
      for (const t of this.tabs) {
        if (t === from) continue;
        if (value === null) MemoryStorage.prototype.removeItem.call(t, key);
        else MemoryStorage.prototype.setItem.call(t, key, value);
      }
    }
  }
}

const tab = (storage: Storage, catalogue = "A", options = {}) =>
  openMyRatings(catalogue, {storage, channel: globalThis.BroadcastChannel, events: null, now: () => 100, ...options});
const pairs = (list: {movieId: number; rating: number}[]) => list.map((r) => [r.movieId, r.rating]);

describe("applyMyRatingChanges(list, changes)", () => {
  it("sets, replaces (moving the movie last) and deletes, the latest change of a movie winning", () => {
    const list = [
      {movieId: 1, rating: 4, timestamp: 1},
      {movieId: 2, rating: 3, timestamp: 2}
    ];
    expect(
      applyMyRatingChanges(
        list,
        [
          {movieId: 1, rating: 5, timestamp: 3},
          {movieId: 3, rating: 1},
          {movieId: 2, rating: null},
          {movieId: 3, rating: 2}
        ],
        () => 9
      )
    ).toEqual([
      {movieId: 1, rating: 5, timestamp: 3},
      {movieId: 3, rating: 2, timestamp: 9}
    ]);
  });
});

describe("openMyRatings(catalogue, {seed, knownMovieIds, storage})", () => {
  it("loses no rating across two tabs: a tab opened earlier writes its change, not the list it read", () => {
    const storage = new MemoryStorage();
    const a = tab(storage);
    const b = tab(storage); // opened earlier, before tab A rated
    expect(b.read()).toEqual([]);
    a.apply([{movieId: 10, rating: 5}]);
    b.apply([{movieId: 20, rating: 4.5}]);
    expect(pairs(a.read())).toEqual([
      [10, 5],
      [20, 4.5]
    ]);
    b.apply([{movieId: 10, rating: null}]); // a delete in one tab deletes only that movie
    expect(pairs(a.read())).toEqual([[20, 4.5]]);
    a.close();
    b.close();
  });

  it("loses nothing when another tab's copy of localStorage lags behind the write (as Chrome's can)", async () => {
    const browser = new LaggyBrowser();
    const a = tab(browser.tab());
    const bStorage = browser.tab();
    const b = tab(bStorage);
    const seenByB: number[][] = [];
    b.watch((list) => seenByB.push(list.map((r) => r.movieId)));
    a.apply([{movieId: 10, rating: 5}]);
    // B hears of the change before its copy of the storage has it, and shows it at once.
    expect(bStorage.getItem(myRatingsKey("A"))).toBeNull();
    await expect.poll(() => seenByB.at(-1)).toEqual([10]);
    // B rates another movie on its stale copy: the merge keeps A's rating.
    b.apply([{movieId: 20, rating: 4.5}]);
    browser.deliver();
    expect(pairs(a.read())).toEqual([
      [10, 5],
      [20, 4.5]
    ]);
    expect(pairs(b.read())).toEqual([
      [10, 5],
      [20, 4.5]
    ]);
    // A deletion made on a stale copy is not undone by the other tab's next write.
    a.apply([{movieId: 20, rating: null}]);
    await expect.poll(() => seenByB.at(-1)).toEqual([10]);
    b.apply([{movieId: 30, rating: 3}]);
    browser.deliver();
    expect(pairs(a.read())).toEqual([
      [10, 5],
      [30, 3]
    ]);
    a.close();
    b.close();
  });

  it("ends with one rating of a movie two tabs changed at the same moment, in storage as on both screens", async () => {
    const browser = new LaggyBrowser();
    const a = tab(browser.tab());
    const b = tab(browser.tab());
    a.apply([{movieId: 7, rating: 5}]);
    b.apply([{movieId: 7, rating: 1}]); // before B has heard of A's rating, on its stale copy
    browser.deliver(); // the later write (B's) is what storage holds
    await expect.poll(() => pairs(a.read())).toEqual(pairs(b.read())); // both pages agree on the winner
    await new Promise((resolve) => setTimeout(resolve, 50)); // each page has heard the other's change
    browser.deliver(); // the page that knew a newer change than storage wrote it back
    const shown = pairs(a.read());
    expect(pairs(tab(browser.tab()).read())).toEqual(shown);
    a.close();
    b.close();
  });

  it("tells every open page of each change, from this page or another tab", async () => {
    const storage = new MemoryStorage();
    const a = tab(storage);
    const b = tab(storage);
    const seenByB: number[][] = [];
    const seenByA: number[][] = [];
    b.watch((list) => seenByB.push(list.map((r) => r.movieId)));
    a.watch((list) => seenByA.push(list.map((r) => r.movieId)));
    a.apply([{movieId: 10, rating: 5}]);
    expect(seenByA).toEqual([[], [10]]); // this page's own watchers hear at once
    await expect.poll(() => seenByB).toEqual([[], [10]]); // another tab's, through the BroadcastChannel
    a.close();
    b.close();
  });

  it("starts from the dataset's my_ratings.dat, and the first change keeps it", () => {
    const storage = new MemoryStorage();
    const seed = [{movieId: 1, rating: 4, timestamp: 1}];
    const a = tab(storage, "A", {seed});
    expect(a.isStored()).toBe(false);
    expect(a.read()).toEqual(seed);
    a.apply([{movieId: 2, rating: 3}]);
    expect(a.isStored()).toBe(true);
    expect(pairs(a.read())).toEqual([
      [1, 4],
      [2, 3]
    ]);
    a.forget();
    expect(a.read()).toEqual(seed);
    a.close();
  });

  it("keeps my ratings per catalogue: another dataset shows its own, and mine come back when I return", () => {
    const storage = new MemoryStorage();
    const synthetic = tab(storage, "synthetic");
    synthetic.apply([
      {movieId: 1, rating: 5},
      {movieId: 2, rating: 4},
      {movieId: 3, rating: 3}
    ]);
    const movielens = tab(storage, "ml-10m", {seed: []});
    expect(movielens.read()).toEqual([]);
    movielens.apply([{movieId: 1, rating: 1}]);
    expect(pairs(tab(storage, "synthetic").read())).toEqual([
      [1, 5],
      [2, 4],
      [3, 3]
    ]);
    movielens.forget();
    expect(pairs(tab(storage, "synthetic").read())).toHaveLength(3);
  });

  it(
    "adopts an earlier version's single list once, into a catalogue that knows all its movies, " +
      "and never deletes it",
    () => {
      const storage = new MemoryStorage();
      const legacy = JSON.stringify([
        {movieId: 1, rating: 4, timestamp: 1},
        {movieId: 2, rating: 3, timestamp: 2}
      ]);
      storage.setItem(LEGACY_KEY, legacy);
      storage.setItem("movielens-workbook:queue-position", "7");
      const other = tab(storage, "other", {knownMovieIds: new Set([1])});
      expect(other.read()).toEqual([]);
      expect(other.legacy).toEqual({count: 2, adopted: false, adoptedBy: null});
      const mine = tab(storage, "mine", {knownMovieIds: new Set([1, 2, 3])});
      expect(pairs(mine.read())).toEqual([
        [1, 4],
        [2, 3]
      ]);
      expect(mine.readPosition()).toBe(7);
      expect(mine.legacy).toEqual({count: 2, adopted: true, adoptedBy: "mine"});
      expect(storage.getItem(LEGACY_KEY)).toBe(legacy);
      expect(storage.getItem(LEGACY_ADOPTED_KEY)).toBe("mine");
      // Once adopted, another catalogue that knows the movies does not take them too.
      expect(tab(storage, "third", {knownMovieIds: new Set([1, 2])}).read()).toEqual([]);
      expect(storage.getItem(myRatingsKey("mine"))).not.toBeNull();
    }
  );

  it("ignores unreadable stored data instead of failing", () => {
    const storage = new MemoryStorage();
    storage.setItem(myRatingsKey("A"), "{not json");
    expect(tab(storage, "A", {seed: [{movieId: 1, rating: 4, timestamp: 1}]}).read()).toEqual([
      {movieId: 1, rating: 4, timestamp: 1}
    ]);
  });
});

describe("openMyRatings(catalogue, options) when the browser will not keep them", () => {
  const quota = () => Object.assign(new Error("The quota has been exceeded."), {name: "QuotaExceededError"});

  it("keeps a rating a full storage refused in this page's memory, says so, and throws nothing", () => {
    const storage = new MemoryStorage();
    const store = tab(storage, "A", {seed: [{movieId: 1, rating: 4, timestamp: 1}]});
    store.apply([{movieId: 2, rating: 5}]);
    expect(store.problem()).toBeNull();
    storage.setItem = () => {
      throw quota();
    };
    // The rating is shown as what it is: in this page, not stored, and the page is told why.
    const after = store.apply([{movieId: 3, rating: 3.5}]);
    expect(pairs(after)).toEqual([
      [1, 4],
      [2, 5],
      [3, 3.5]
    ]);
    expect(pairs(store.read())).toEqual(pairs(after));
    expect(store.problem()).toBe("full");
    expect(() => store.writePosition(42)).not.toThrow();
    // What was stored is what was stored: another page opened now sees the ratings before the refused one.
    expect(pairs(tab(storage).read())).toEqual([
      [1, 4],
      [2, 5]
    ]);
    store.close();
  });

  it("finds a storage already full as it opens, before any rating, and leaves nothing behind where it has room", () => {
    const roomy = new MemoryStorage();
    expect(tab(roomy).problem()).toBeNull();
    expect(roomy.length).toBe(0);
    const full = new MemoryStorage();
    full.setItem = () => {
      throw quota();
    };
    expect(tab(full).problem()).toBe("full");
  });

  it("stores everything again, and has no problem, once the storage has room", () => {
    const storage = new MemoryStorage();
    const store = tab(storage);
    const setItem = storage.setItem.bind(storage);
    storage.setItem = () => {
      throw quota();
    };
    store.apply([{movieId: 7, rating: 4}]);
    expect(store.problem()).toBe("full");
    storage.setItem = setItem;
    store.apply([{movieId: 8, rating: 2}]);
    expect(store.problem()).toBeNull();
    expect(pairs(tab(storage).read())).toEqual([
      [7, 4],
      [8, 2]
    ]);
    store.close();
  });

  it("works in memory where reading localStorage throws (site data blocked), and says blocked", () => {
    const own = Object.getOwnPropertyDescriptor(globalThis, "localStorage");
    Object.defineProperty(globalThis, "localStorage", {
      configurable: true,
      get() {
        throw Object.assign(new Error("Access is denied for this document."), {name: "SecurityError"});
      }
    });
    try {
      const store = openMyRatings("A", {seed: [{movieId: 1, rating: 4, timestamp: 1}], channel: null, events: null});
      expect(store.problem()).toBe("blocked");
      expect(pairs(store.apply([{movieId: 2, rating: 5}]))).toEqual([
        [1, 4],
        [2, 5]
      ]);
      store.writePosition(2);
      expect(store.readPosition()).toBe(2);
      store.close();
    } finally {
      if (own) Object.defineProperty(globalThis, "localStorage", own);
      else delete (globalThis as {localStorage?: Storage}).localStorage;
    }
  });
});
