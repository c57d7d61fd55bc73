// My ratings (user 99999) as this browser keeps them: one list per movie catalogue, in localStorage. Every writer
// (the Rate page, "I've seen it", import, undo, delete, forget) sends changes, never a whole list it read earlier:
// each write re-reads what is stored now and applies its changes to it, so a tab opened long ago cannot overwrite
// what another tab wrote since. Every open page hears of every write (BroadcastChannel, else storage events).
import type {MyRating} from "./withMyRatings.js";

/** The prefix of the localStorage key of my ratings on one catalogue: `${MY_RATINGS_KEY}@${catalogueId}`. */
export const MY_RATINGS_KEY = "movielens-workbook:my-ratings";

/** The prefix of the key of the rating queue's position (a movie id, as the original's last_rated.txt) per catalogue. */
export const QUEUE_POSITION_KEY = "movielens-workbook:queue-position";

/** Where an earlier version kept its one list, for every dataset: never deleted, adopted once by a catalogue that knows all its movies. */
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
  /** Applies changes to what is stored now (the seed when nothing is); the latest change of a movie wins. Returns the result. */
  apply(changes: readonly MyRatingChange[]): MyRating[];
  /** Forgets my ratings on this catalogue in this browser, so the seed applies again; other catalogues keep theirs. */
  forget(): void;
  readPosition(): number | null;
  writePosition(position: number | null): void;
  /** Calls `listener` with my ratings now, then after every change, from this page or another tab; returns an unsubscribe. */
  watch(listener: (ratings: MyRating[]) => void): () => void;
  readonly legacy: LegacyRatings;
  close(): void;
}

/** Options of openMyRatings: the seed, the movies of the catalogue (for adopting a legacy list), and the browser's APIs. */
export interface MyRatingsOptions {
  seed?: readonly MyRating[];
  knownMovieIds?: ReadonlySet<number>;
  storage?: Storage;
  now?: () => number;
  /** A BroadcastChannel constructor; null uses storage events only. */
  channel?: (new (name: string) => BroadcastChannel) | null;
  /** Where storage events arrive (window in a page). */
  events?: Pick<EventTarget, "addEventListener" | "removeEventListener"> | null;
}

const isRating = (r: unknown): r is MyRating => {
  const x = r as MyRating;
  return typeof x === "object" && x !== null && Number.isInteger(x.movieId) && typeof x.rating === "number" && x.rating >= 0.5 && x.rating <= 5 && Number.isInteger(x.rating * 2) && Number.isFinite(x.timestamp);
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
export function applyMyRatingChanges(list: readonly MyRating[], changes: readonly MyRatingChange[], now: () => number = () => Math.floor(Date.now() / 1000)): MyRating[] {
  const byMovie = new Map(list.map((r) => [r.movieId, r]));
  for (const {movieId, rating, timestamp} of changes) {
    byMovie.delete(movieId);
    if (rating !== null) byMovie.set(movieId, {movieId, rating, timestamp: timestamp ?? now()});
  }
  return [...byMovie.values()];
}

/**
 * Opens my ratings on the catalogue `catalogue` (see catalogueId). A list kept by an earlier version under the one
 * key `movielens-workbook:my-ratings` is adopted, once, by the first catalogue opened that knows every movie in it
 * (`knownMovieIds`), when that catalogue has no ratings of its own yet; the legacy key itself is never deleted.
 */
export function openMyRatings(catalogue: string, options: MyRatingsOptions = {}): MyRatingsStore {
  const {seed = [], knownMovieIds, storage = globalThis.localStorage, now = () => Math.floor(Date.now() / 1000)} = options;
  const Channel = options.channel === undefined ? globalThis.BroadcastChannel : options.channel;
  const events = options.events === undefined ? (globalThis as unknown as {window?: EventTarget}).window ?? null : options.events;
  const key = myRatingsKey(catalogue);
  const positionKey = `${QUEUE_POSITION_KEY}@${catalogue}`;
  const legacy = adoptLegacy(storage, catalogue, key, positionKey, knownMovieIds);
  const listeners = new Set<(ratings: MyRating[]) => void>();
  const channel = Channel ? new Channel(key) : null;
  const read = () => parseList(storage.getItem(key)) ?? seed.map((r) => ({...r}));
  const notify = () => {
    const ratings = read();
    for (const listener of listeners) listener(ratings);
  };
  const onStorage = (event: Event) => {
    const {key: changed} = event as StorageEvent;
    if (changed === key || changed === null) notify();
  };
  if (channel) channel.onmessage = notify;
  else events?.addEventListener("storage", onStorage);
  const changed = () => {
    channel?.postMessage("changed");
    notify();
  };
  return {
    catalogue,
    legacy,
    read,
    isStored: () => parseList(storage.getItem(key)) !== null,
    apply(changes) {
      // Read, apply and write in one synchronous step, so what another tab stored a moment ago is kept.
      const ratings = applyMyRatingChanges(read(), changes, now);
      storage.setItem(key, JSON.stringify(ratings));
      changed();
      return ratings;
    },
    forget() {
      storage.removeItem(key);
      storage.removeItem(positionKey);
      changed();
    },
    readPosition() {
      const text = storage.getItem(positionKey);
      return text === null || !/^\d+$/.test(text) ? null : +text;
    },
    writePosition(position) {
      if (position === null) storage.removeItem(positionKey);
      else storage.setItem(positionKey, String(position));
    },
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

function adoptLegacy(storage: Storage, catalogue: string, key: string, positionKey: string, known: ReadonlySet<number> | undefined): LegacyRatings {
  const list = parseList(storage.getItem(LEGACY_KEY));
  if (!list) return {count: 0, adopted: false, adoptedBy: null};
  const adoptedBy = storage.getItem(LEGACY_ADOPTED_KEY);
  if (adoptedBy !== null) return {count: list.length, adopted: adoptedBy === catalogue, adoptedBy};
  if (!known || storage.getItem(key) !== null || !list.every((r) => known.has(r.movieId))) return {count: list.length, adopted: false, adoptedBy: null};
  storage.setItem(key, JSON.stringify(list));
  const position = storage.getItem(QUEUE_POSITION_KEY);
  if (position !== null) storage.setItem(positionKey, position);
  storage.setItem(LEGACY_ADOPTED_KEY, catalogue);
  return {count: list.length, adopted: true, adoptedBy: catalogue};
}
