// My ratings (user 99999) as this browser keeps them: one list per movie catalogue, in localStorage. Every writer
// (the Rate page, "I've seen it", import, undo, delete, forget) sends changes, never a whole list it read earlier.
// Each change is stamped with the time it was made, and each movie's latest change wins, wherever it is merged: a
// change travels to the other open pages inside its BroadcastChannel message (another tab's copy of localStorage can
// lag behind the write by a moment), each page keeps the changes it has heard of, and every write stores the merge of
// what is stored and what the page knows, deletions included (as tombstones), so no tab can drop or resurrect what
// another tab did.
import type {MyRating} from "../movielens/myRatingsFile.js";
import {pageStorage, storageProblemOf} from "./pageStorage.js";
import type {StorageProblem} from "./pageStorage.js";

/** The prefix of the localStorage key of my ratings on one catalogue: `${MY_RATINGS_KEY}@${catalogueId}`. */
export const MY_RATINGS_KEY = "movielens-workbook:my-ratings";

/**
 * The prefix of the key of the rating queue's position (a movie id, as the original's last_rated.txt) per catalogue.
 */
export const QUEUE_POSITION_KEY = "movielens-workbook:queue-position";

/**
 * Where an earlier version kept its one list, for every dataset: never deleted,
 * adopted once by a catalogue that knows all its movies.
 */
export const LEGACY_KEY = MY_RATINGS_KEY;
/** Which catalogue adopted the legacy list. */
export const LEGACY_ADOPTED_KEY = `${MY_RATINGS_KEY}:legacy-adopted-by`;

/** One change to my ratings: a rating (with its timestamp, seconds since 1970) or, with `rating: null`, a deletion. */
export interface MyRatingChange {
  movieId: number;
  rating: number | null;
  timestamp?: number;
}

/** What became of the list an earlier version kept under one key for every dataset. */
export interface LegacyRatings {
  /** How many ratings it holds (0 when there is none). */
  count: number;
  /** Whether this catalogue took them in (now, or on an earlier visit). */
  adopted: boolean;
  /** The catalogue that took them in, when one did. */
  adoptedBy: string | null;
}

/** My ratings on one catalogue. */
export interface MyRatingsStore {
  readonly catalogue: string;
  /** My ratings now: those stored in this browser, else the seed (the dataset's own my_ratings.dat). */
  read(): MyRating[];
  /** Whether I have rated on this catalogue in this browser (false: the seed applies). */
  isStored(): boolean;
  /**
   * Applies changes to what is stored now (the seed when nothing is); the latest change of a movie wins.
   * Returns the result.
   */
  apply(changes: readonly MyRatingChange[]): MyRating[];
  /** Forgets my ratings on this catalogue in this browser, so the seed applies again; other catalogues keep theirs. */
  forget(): void;
  readPosition(): number | null;
  writePosition(position: number | null): void;
  /**
   * Calls `listener` with my ratings now, then after every change, from this page or another tab;
   * returns an unsubscribe.
   */
  watch(listener: (ratings: MyRating[]) => void): () => void;
  readonly legacy: LegacyRatings;
  /**
   * Why my ratings are not all kept in this browser, or null when they are: its storage is blocked (they are kept in
   * this page's memory only) or full (the changes since are kept in memory only). A page says so, with the way out:
   * export my_ratings.dat, or allow site data.
   */
  problem(): StorageProblem | null;
  close(): void;
}

/**
 * Options of openMyRatings: the seed, the movies of the catalogue (for adopting a legacy list), and the browser's APIs.
 */
export interface MyRatingsOptions {
  seed?: readonly MyRating[];
  knownMovieIds?: ReadonlySet<number>;
  /** Where to keep them: the browser's localStorage (or memory, where it is blocked) unless given. */
  storage?: Storage;
  now?: () => number;
  /** A BroadcastChannel constructor; null uses storage events only. */
  channel?: (new (name: string) => BroadcastChannel) | null;
  /** Where storage events arrive (window in a page). */
  events?: Pick<EventTarget, "addEventListener" | "removeEventListener"> | null;
}

const isRating = (r: unknown): r is MyRating => {
  const x = r as MyRating;
  return (
    typeof x === "object" &&
    x !== null &&
    Number.isInteger(x.movieId) &&
    typeof x.rating === "number" &&
    x.rating >= 0.5 &&
    x.rating <= 5 &&
    Number.isInteger(x.rating * 2) &&
    Number.isFinite(x.timestamp)
  );
};

function parseList(text: string | null): MyRating[] | null {
  if (text === null) return null;
  try {
    const list = JSON.parse(text) as unknown;
    return Array.isArray(list) ? list.filter(isRating) : null;
  } catch {
    return null;
  }
}

/** The localStorage key of my ratings on a catalogue. */
export const myRatingsKey = (catalogue: string) => `${MY_RATINGS_KEY}@${catalogue}`;

/** Applies changes to a list: a movie's rating is replaced (moving it last, as the newest) or deleted. */
export function applyMyRatingChanges(
  list: readonly MyRating[],
  changes: readonly MyRatingChange[],
  now: () => number = () => Math.floor(Date.now() / 1000)
): MyRating[] {
  const byMovie = new Map(list.map((r) => [r.movieId, r]));
  for (const {movieId, rating, timestamp} of changes) {
    byMovie.delete(movieId);
    if (rating !== null) byMovie.set(movieId, {movieId, rating, timestamp: timestamp ?? now()});
  }
  return [...byMovie.values()];
}

/**
 * A movie's latest known state: its rating, or null once deleted, when that change was made (ms since 1970), and by
 * which page (a random id, to order two changes made in the same millisecond the same way everywhere).
 */
type Entry = {movieId: number; rating: number | null; timestamp: number; changedAt: number; by?: string};
/** What one page tells the others: changes it made, or that it forgot everything before a time. */
type Message = {type: "changes"; changes: Entry[]} | {type: "forget"; at: number};

/** Whether `a` is a later state of its movie than `b`: by change time, then by page id. */
const later = (a: Entry, b: Entry) =>
  a.changedAt > b.changedAt || (a.changedAt === b.changedAt && (a.by ?? "") > (b.by ?? ""));

/** Keeps the later of two states of a movie; the same entry merged again changes nothing. */
function mergeEntry(into: Map<number, Entry>, entry: Entry): void {
  const had = into.get(entry.movieId);
  if (!had || !later(had, entry)) into.set(entry.movieId, entry);
}

/** The key of openMyRatings's write that finds a full storage as a page opens; nothing is left under it. */
const FULL_PROBE_KEY = "movielens-workbook:storage-probe";

/**
 * Opens my ratings on the catalogue `catalogue` (see catalogueId). A list kept by an earlier version under the one
 * key `movielens-workbook:my-ratings` is adopted, once, by the first catalogue opened that knows every movie in it
 * (`knownMovieIds`), when that catalogue has no ratings of its own yet; the legacy key itself is never deleted.
 */
export function openMyRatings(catalogue: string, options: MyRatingsOptions = {}): MyRatingsStore {
  const {seed = [], knownMovieIds, now = () => Math.floor(Date.now() / 1000)} = options;
  const opened = options.storage ? {storage: options.storage, problem: null} : pageStorage();
  const storage = opened.storage;
  let problem: StorageProblem | null = opened.problem;
  // A write the browser refuses (a full storage) leaves the change in this page's memory, and says why.
  const attempt = (write: () => void) => {
    try {
      write();
    } catch (error) {
      problem = storageProblemOf(error);
    }
  };
  const Channel = options.channel === undefined ? globalThis.BroadcastChannel : options.channel;
  const events =
    options.events === undefined ? ((globalThis as unknown as {window?: EventTarget}).window ?? null) : options.events;
  const key = myRatingsKey(catalogue);
  const deletedKey = `${key}:deleted`;
  const positionKey = `${QUEUE_POSITION_KEY}@${catalogue}`;
  let legacy: LegacyRatings = {count: 0, adopted: false, adoptedBy: null};
  attempt(() => (legacy = adoptLegacy(storage, catalogue, key, positionKey, knownMovieIds)));
  // A storage already full when the page opens would refuse the next rating: a small write now (a few ratings' worth,
  // removed at once) finds it, so the page says so before a rating is given, after a reload as before it.
  if (!problem)
    attempt(() => {
      storage.setItem(FULL_PROBE_KEY, "x".repeat(1024));
      storage.removeItem(FULL_PROBE_KEY);
    });
  const listeners = new Set<(ratings: MyRating[]) => void>();
  const channel = Channel ? new Channel(key) : null;
  // The changes this page has made or heard of since my ratings here were last forgotten.
  const known = new Map<number, Entry>();
  const by = Math.random().toString(36).slice(2, 10);
  let lastStamp = 0;

  /** Every movie's state as stored (ratings and tombstones), or, with nothing stored, as the seed has it. */
  function stored(): Map<number, Entry> {
    const merged = new Map<number, Entry>();
    // (Right after another tab forgot, this tab's copy may still hold the old list for a moment; the storage event
    // that follows shows the seed.)
    for (const r of parseList(storage.getItem(key)) ?? seed)
      mergeEntry(merged, {...r, changedAt: (r as {changedAt?: number}).changedAt ?? 0});
    for (const [movieId, changedAt, by] of parseDeleted(storage.getItem(deletedKey)))
      mergeEntry(merged, {movieId, rating: null, timestamp: 0, changedAt, by});
    return merged;
  }
  /** Every movie's latest state: what is stored (or the seed), then what this page knows. */
  function state(): Map<number, Entry> {
    const merged = stored();
    for (const e of known.values()) mergeEntry(merged, e);
    return merged;
  }
  const live = (merged: Map<number, Entry>): MyRating[] =>
    [...merged.values()]
      .filter((e) => e.rating !== null)
      .map(({movieId, rating, timestamp}) => ({movieId, rating: rating!, timestamp}));
  const read = () => live(state());
  const notify = () => {
    if (!listeners.size) return;
    const ratings = read();
    for (const listener of listeners) listener(ratings);
  };
  /** Stores the merge of what is stored and what this page knows; returns it. */
  function write(): Map<number, Entry> {
    const merged = state();
    const entries = [...merged.values()].sort((a, b) => a.changedAt - b.changedAt);
    const deleted = entries
      .filter((e) => e.rating === null && e.changedAt > 0)
      .slice(-MAX_TOMBSTONES)
      .map((e) => [e.movieId, e.changedAt, e.by ?? ""]);
    attempt(() => {
      storage.setItem(key, JSON.stringify(entries.filter((e) => e.rating !== null)));
      if (deleted.length) storage.setItem(deletedKey, JSON.stringify(deleted));
      // Every change this page knows is stored now: a full storage that took them is no longer a problem.
      if (problem === "full") problem = null;
    });
    return merged;
  }
  /**
   * Two tabs that change the same movie at the same moment each store their own merge, and the later write can hide
   * the winning change. A page that knows a change newer than what is stored writes the merge again, so storage ends
   * with the change every page shows.
   */
  function repair(): void {
    if (storage.getItem(key) === null) return; // nothing stored (or forgotten): the seed applies, nothing to repair
    const now = stored();
    for (const e of known.values()) {
      const had = now.get(e.movieId);
      if (!had || later(e, had)) return void write();
    }
  }
  const hear = (message: Message) => {
    if (message.type === "forget") {
      for (const [movieId, e] of known) if (e.changedAt <= message.at) known.delete(movieId);
    } else {
      for (const e of message.changes) mergeEntry(known, e);
      repair();
    }
    notify();
  };
  const onStorage = (event: Event) => {
    const {key: changed} = event as StorageEvent;
    if (changed === key || changed === deletedKey || changed === null) {
      repair();
      notify();
    }
  };
  if (channel) channel.onmessage = (event: MessageEvent<Message>) => hear(event.data);
  events?.addEventListener("storage", onStorage);
  return {
    catalogue,
    legacy,
    read,
    isStored: () => storage.getItem(key) !== null,
    apply(changes) {
      // Later than this page's last change and than every state of these movies it knows, so it wins over them.
      const before = state();
      const stamp = (lastStamp = Math.max(
        Date.now(),
        lastStamp + 1,
        ...changes.map((c) => (before.get(c.movieId)?.changedAt ?? 0) + 1)
      ));
      const stamped = changes.map(({movieId, rating, timestamp}): Entry => ({
        movieId,
        rating,
        timestamp: timestamp ?? now(),
        changedAt: stamp,
        by
      }));
      for (const e of stamped) mergeEntry(known, e);
      // What is stored now, what this page has heard of, and these changes, written in one synchronous step.
      const merged = write();
      channel?.postMessage({type: "changes", changes: stamped} satisfies Message);
      notify();
      return live(merged);
    },
    forget() {
      const at = (lastStamp = Math.max(Date.now(), lastStamp + 1));
      storage.removeItem(key);
      storage.removeItem(deletedKey);
      storage.removeItem(positionKey);
      hear({type: "forget", at});
      channel?.postMessage({type: "forget", at} satisfies Message);
    },
    readPosition() {
      const text = storage.getItem(positionKey);
      return text === null || !/^\d+$/.test(text) ? null : +text;
    },
    writePosition(position) {
      attempt(() =>
        position === null ? storage.removeItem(positionKey) : storage.setItem(positionKey, String(position))
      );
    },
    problem: () => problem,
    watch(listener) {
      listeners.add(listener);
      listener(read());
      return () => void listeners.delete(listener);
    },
    close() {
      listeners.clear();
      channel?.close();
      events?.removeEventListener("storage", onStorage);
    }
  };
}

/** Deletions kept, so a tab that has not heard of one cannot bring the rating back; the oldest are let go. */
const MAX_TOMBSTONES = 5000;

function parseDeleted(text: string | null): [number, number, string][] {
  if (text === null) return [];
  try {
    const list = JSON.parse(text) as unknown;
    return Array.isArray(list)
      ? list
          .filter(
            (d): d is [number, number, string] => Array.isArray(d) && Number.isInteger(d[0]) && Number.isFinite(d[1])
          )
          .map(([m, t, b]) => [m, t, String(b ?? "")])
      : [];
  } catch {
    return [];
  }
}

function adoptLegacy(
  storage: Storage,
  catalogue: string,
  key: string,
  positionKey: string,
  known: ReadonlySet<number> | undefined
): LegacyRatings {
  const list = parseList(storage.getItem(LEGACY_KEY));
  if (!list) return {count: 0, adopted: false, adoptedBy: null};
  const adoptedBy = storage.getItem(LEGACY_ADOPTED_KEY);
  if (adoptedBy !== null) return {count: list.length, adopted: adoptedBy === catalogue, adoptedBy};
  if (!known || storage.getItem(key) !== null || !list.every((r) => known.has(r.movieId)))
    return {count: list.length, adopted: false, adoptedBy: null};
  storage.setItem(key, JSON.stringify(list));
  const position = storage.getItem(QUEUE_POSITION_KEY);
  if (position !== null) storage.setItem(positionKey, position);
  storage.setItem(LEGACY_ADOPTED_KEY, catalogue);
  return {count: list.length, adopted: true, adoptedBy: catalogue};
}
