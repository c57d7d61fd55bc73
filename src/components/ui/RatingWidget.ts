import {announce} from "./announce.js";
import {STARS, ratingForKey, ratingQueue} from "./ratingQueue.js";
import {onChosen} from "./onChosen.js";
import type {RatedMovie} from "../movielens/datasetArtifacts.js";
import type {MyRatingChange} from "../browser/myRatingsStorage.js";
import type {MyRating} from "../movielens/myRatingsFile.js";
import {textRow, textTable} from "./textTable.js";
import {matchesTitle, parseTitleQuery, titleKey} from "../model/titleMatch.js";

/**
 * Options: my ratings so far, the movie id the queue stopped at, a clock (for tests), and `onChange`, which receives
 * each action's changes (one rating, one deletion, or an undo) before the `input` event, so a page can store them
 * without writing back a whole list it read earlier.
 */
export interface RatingWidgetOptions {
  value?: readonly MyRating[];
  position?: number | null;
  now?: () => number;
  onChange?: (changes: MyRatingChange[]) => void;
  /** The ratings offered: the release's own scale (starsFor), half stars by default. */
  stars?: readonly number[];
}

/**
 * Milliseconds after the card changes during which its star buttons and rating keys do nothing: a click or key press
 * then was aimed at the movie shown before (the second click of a fast double click, a quick double press, or a click
 * as the card changed under the pointer), and must not rate the movie that just appeared, unseen.
 */
export const CARD_GUARD_MS = 400;

/** How many movies the search lists, most rated first; it says how many more match. */
export const SEARCH_RESULTS = 10;

type Action = {movieId: number; previous: MyRating | null; position: number | null};

/**
 * The rating widget, an input: `.value` is my ratings, `.position` the movie id on screen;
 * it fires `input` on every change.
 */
export type RatingWidgetElement = HTMLElement & {value: MyRating[]; position: number | null};

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<HTMLElementTagNameMap[K]> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const e = Object.assign(document.createElement(tag), props);
  e.append(...children); // strings become text nodes: titles are never parsed as HTML
  return e;
}

const describe = (m: RatedMovie) =>
  `${m.year ?? "no year"} · ${m.genres.join(", ") || "no genres"} · ${m.ratings.toLocaleString("en-US")} ratings`;

/**
 * Rates movies one at a time, newest first, as the original FastAPI tool did, with buttons and keys (1–5, Shift for
 * half stars, S to skip, U to undo); a search to rate any movie; and my ratings, each editable and deletable.
 */
export function RatingWidget(
  movies: readonly RatedMovie[],
  {
    value = [],
    position = null,
    now = () => Math.floor(Date.now() / 1000),
    onChange = () => {},
    stars: scale = STARS
  }: RatingWidgetOptions = {}
): RatingWidgetElement {
  const byId = new Map(movies.map((m) => [m.id, m]));
  const queue = ratingQueue(movies);
  const ratings = new Map<number, MyRating>(value.map((r) => [r.movieId, {...r}]));
  const history: Action[] = [];
  let current: number | null = position !== null && byId.has(position) ? position : null;
  // When the card on screen last changed (an event time, ms), and whether that card has been rated: one action on a
  // card gives at most one rating, to that card's movie. The first card appears with the page, so it needs no guard.
  let shownAt = -Infinity;
  let cardRated = false;
  const show = (movieId: number | null) => {
    if (movieId === current) return;
    current = movieId;
    shownAt = performance.now();
    cardRated = false;
  };

  const root = el("div", {className: "rating-widget"}) as unknown as RatingWidgetElement;
  const card = el("div", {className: "movie-card"});
  const stars = el("div", {className: "stars"});
  const skip = el("button", {className: "skip", textContent: "Skip", title: "Skip (S)"});
  const undo = el("button", {className: "undo", textContent: "Undo", title: "Undo (U)"});
  const halves = scale.some((s) => s % 1 !== 0);
  for (const s of scale) {
    const b = stars.appendChild(
      el("button", {className: "star", textContent: `${s}★`, title: `Rate ${s} ${s === 1 ? "star" : "stars"}`})
    );
    b.dataset.rating = String(s);
    b.addEventListener("click", (event) => {
      // A repeated click (detail 2, 3: a double or triple click) or one that arrives as the card changes is not a
      // rating of the new card. Keyboard activation of a focused button gives detail 0, and is never repeated.
      // Either is said (a quick second tap on a touch screen is a click of detail 2) once a card has changed.
      if (event.detail > 1 || event.timeStamp < shownAt + CARD_GUARD_MS) {
        if (shownAt > -Infinity) heldBack();
        return;
      }
      rateCard(s);
    });
  }
  stars.append(skip, undo);
  // Says when a click or key was held back by the card guard, until the next action: a rating that did nothing is said.
  const held = el("p", {className: "held-back"});
  function heldBack() {
    const now = current === null ? "" : `: “${titleOf(current)}” is on the card now`;
    const text = `That came as the card changed, so it rated nothing${now}.`;
    held.textContent = text;
    announce(text);
  }
  const keys = el(
    "p",
    {className: "keys"},
    halves
      ? "Keys: 1–5 rate whole stars, Shift+1–5 half a star less (Shift+1 is 0.5), S skips, U undoes."
      : "Keys: 1–5 rate stars (this release has whole stars only), S skips, U undoes."
  );
  const search = el("input", {type: "search", placeholder: "Find a movie to rate…", className: "movie-search"});
  search.setAttribute("aria-label", "Find a movie to rate");
  const results = el("ul", {className: "search-results"});
  const mine = el("div", {className: "my-ratings"});
  root.append(
    el("section", {className: "queue"}, card, stars, held, keys),
    el("section", {className: "search"}, search, results),
    mine
  );

  function nextUnrated(after: number | null): number | null {
    const start = after === null ? 0 : queue.findIndex((m) => m.id === after) + 1;
    for (let i = start; i < queue.length; ++i) if (!ratings.has(queue[i].id)) return queue[i].id;
    return null;
  }
  if (current === null || ratings.has(current)) current = nextUnrated(current);

  function changed(change: MyRatingChange | null) {
    if (change) onChange([change]);
    render();
    root.dispatchEvent(new Event("input", {bubbles: true}));
  }
  /** Rates the movie on the card, once per card. */
  function rateCard(rating: number) {
    if (current === null || cardRated) return;
    cardRated = true;
    rate(current, rating);
  }
  // What each action did, said to a screen reader (the page shows it): the rating, and the card that comes next.
  const titleOf = (movieId: number | null) =>
    movieId === null ? null : (byId.get(movieId)?.title ?? `movie ${movieId}`);
  const nextCard = () => (current === null ? "No more movies to rate." : `Next: ${titleOf(current)}.`);
  function rate(movieId: number, rating: number) {
    history.push({movieId, previous: ratings.get(movieId) ?? null, position: current});
    const r = {movieId, rating, timestamp: now()};
    ratings.set(movieId, r);
    const onCard = movieId === current;
    if (onCard) show(nextUnrated(current));
    changed(r);
    announce(
      `Rated ${titleOf(movieId)} ${rating} ${rating === 1 ? "star" : "stars"}.${onCard ? ` ${nextCard()}` : ""}`
    );
  }
  function remove(movieId: number) {
    history.push({movieId, previous: ratings.get(movieId) ?? null, position: current});
    ratings.delete(movieId);
    changed({movieId, rating: null});
    announce(`Deleted my rating of ${titleOf(movieId)}.`);
  }
  function skipCurrent() {
    if (current === null) return;
    const skipped = titleOf(current);
    history.push({movieId: -1, previous: null, position: current});
    show(nextUnrated(current));
    changed(null);
    announce(`Skipped ${skipped}. ${nextCard()}`);
  }
  function undoLast() {
    const action = history.pop();
    if (!action) return;
    let change: MyRatingChange | null = null;
    if (action.movieId >= 0) {
      if (action.previous) ratings.set(action.movieId, action.previous);
      else ratings.delete(action.movieId);
      change = action.previous ? {...action.previous} : {movieId: action.movieId, rating: null};
    }
    show(action.position);
    changed(change);
    announce(`Undone. ${current === null ? "No more movies to rate." : `On the card: ${titleOf(current)}.`}`);
  }
  skip.addEventListener("click", skipCurrent);
  undo.addEventListener("click", undoLast);

  const onKey = (event: KeyboardEvent) => {
    if (!root.isConnected) return document.removeEventListener("keydown", onKey);
    const target = event.target as HTMLElement | null;
    if (target && /^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName)) return;
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const rating = ratingForKey(event);
    // A held key repeats: only its first keydown acts. A rating or a skip within CARD_GUARD_MS of the card changing was
    // meant for the card before (a quick double press), so it does nothing; Undo is never held back.
    const guarded = rating !== null || event.code === "KeyS" ? event.timeStamp < shownAt + CARD_GUARD_MS : false;
    if ((rating !== null || /^Key[SU]$/.test(event.code)) && (event.repeat || guarded)) {
      if (guarded && !event.repeat) heldBack();
      return void event.preventDefault();
    }
    // A half star where the release has none (Shift+4 on MovieLens 1M) is no rating.
    if (rating !== null && current !== null && scale.includes(rating)) rateCard(rating);
    else if (event.code === "KeyS") skipCurrent();
    else if (event.code === "KeyU") undoLast();
    else return;
    event.preventDefault();
  };
  document.addEventListener("keydown", onKey);

  function ratingSelect(movieId: number, selected: number | null, label: string): HTMLSelectElement {
    const select = el("select", {className: "rating-select"});
    select.setAttribute("aria-label", label);
    // "Rate…" stands for no rating; it is hidden once there is one, and shows again if that rating goes.
    select.append(
      el("option", {value: "", textContent: "Rate…", hidden: selected !== null, selected: selected === null})
    );
    // The release's scale, and a rating already given off it (a half star kept from another file) as it is.
    for (const s of [...new Set([...scale, ...(selected === null ? [] : [selected])])].sort((a, b) => a - b))
      select.append(el("option", {value: String(s), textContent: `${s}★`, selected: s === selected}));
    onChosen(select, (value) => value && rate(movieId, +value));
    return select;
  }

  // Titles as search keys, made on the first search: "The Matrix" finds "Matrix, The", "amelie" finds "Amélie".
  let titleKeys: string[] | null = null;
  function renderSearch() {
    results.replaceChildren();
    const typed = search.value.trim();
    if (typed === "") return;
    const query = parseTitleQuery(typed);
    if (query === null)
      return void results.append(
        el("li", {className: "hint", textContent: "Type at least two letters of the title, or its year."})
      );
    titleKeys ??= movies.map((m) => titleKey(m.title));
    const all = movies
      .filter((m, i) => matchesTitle(query, titleKeys![i], m.year))
      .sort((a, b) => b.ratings - a.ratings || a.title.localeCompare(b.title));
    const found = all.slice(0, SEARCH_RESULTS);
    if (!found.length) results.append(el("li", {className: "empty", textContent: `No movie matches “${typed}”.`}));
    for (const m of found) {
      const li = results.appendChild(
        el(
          "li",
          {},
          el("span", {className: "title", textContent: `${m.title} (${m.year ?? "?"})`}),
          " ",
          ratingSelect(m.id, ratings.get(m.id)?.rating ?? null, `Rate ${m.title}`)
        )
      );
      li.dataset.movieId = String(m.id);
    }
    const more = all.length - found.length;
    if (more > 0)
      results.append(
        el("li", {
          className: "more",
          textContent:
            `…and ${more.toLocaleString("en-US")} more ${more === 1 ? "movie matches" : "movies match"}: ` +
            `type more of the title, or its year, to narrow the list.`
        })
      );
  }
  search.addEventListener("input", renderSearch);

  function render() {
    held.textContent = "";
    const m = current === null ? null : byId.get(current)!;
    card.replaceChildren(
      m
        ? el("h3", {className: "title", textContent: m.title})
        : el("h3", {className: "title", textContent: "You have seen the whole queue."}),
      el("p", {className: "meta", textContent: m ? describe(m) : "Search for a movie below, or undo."}),
      el("p", {
        className: "count",
        textContent: `${ratings.size} rated · ${queue.length - ratings.size} left in the queue`
      })
    );
    card.dataset.movieId = m ? String(m.id) : "";
    for (const b of stars.querySelectorAll<HTMLButtonElement>("button.star")) b.disabled = m === null;
    skip.disabled = m === null;
    undo.disabled = history.length === 0;
    const rows = [...ratings.values()].sort((a, b) => b.timestamp - a.timestamp || a.movieId - b.movieId);
    const {table, body} = textTable("my-ratings-table", ["Movie", "Year", "Rating", ""]);
    for (const r of rows) {
      const movie = byId.get(r.movieId);
      const tr = textRow(body, [movie?.title ?? `movie ${r.movieId}`, String(movie?.year ?? "")]);
      tr.dataset.movieId = String(r.movieId);
      tr.insertCell().append(ratingSelect(r.movieId, r.rating, `My rating of ${movie?.title ?? r.movieId}`));
      const del = tr.insertCell().appendChild(el("button", {className: "delete", textContent: "Delete"}));
      // Its accessible name says what it deletes: 41 buttons named only "Delete" tell a screen reader nothing.
      del.setAttribute("aria-label", `Delete my rating of ${movie?.title ?? `movie ${r.movieId}`}`);
      del.addEventListener("click", () => remove(r.movieId));
    }
    mine.replaceChildren(
      el("h3", {textContent: `My ratings (${ratings.size})`}),
      rows.length
        ? table
        : el("p", {
            className: "empty",
            textContent: "You have not rated a movie yet: rate the one above, or find one below."
          })
    );
    showRatingsInSearch();
  }
  // The search results stay in place while I rate (here or in another tab): only their selects follow my ratings, so
  // a list I am choosing from is never rebuilt under the pointer.
  function showRatingsInSearch() {
    for (const li of results.querySelectorAll<HTMLLIElement>("li[data-movie-id]")) {
      const select = li.querySelector("select")!;
      const rating = ratings.get(+li.dataset.movieId!)?.rating;
      if (document.activeElement !== select) select.value = rating === undefined ? "" : String(rating);
    }
  }
  render();

  Object.defineProperty(root, "value", {
    get: () => [...ratings.values()],
    // Set by the page when my ratings change elsewhere (another tab, an import): the undo history is kept, since
    // each undo restores one movie's rating, and the card moves on only if its movie was rated meanwhile.
    set: (v: readonly MyRating[]) => {
      ratings.clear();
      for (const r of v) ratings.set(r.movieId, {...r});
      if (current === null || ratings.has(current)) show(nextUnrated(current));
      render();
    }
  });
  Object.defineProperty(root, "position", {get: () => current});
  return root;
}
