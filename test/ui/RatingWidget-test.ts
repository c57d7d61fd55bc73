// @vitest-environment jsdom
import {afterEach, describe, expect, it} from "vitest";
import type {MyRatingChange} from "../../src/components/browser/myRatingsStorage.js";
import {CARD_GUARD_MS, RatingWidget, SEARCH_RESULTS} from "../../src/components/ui/RatingWidget.js";
import type {RatingWidgetOptions} from "../../src/components/ui/RatingWidget.js";

// In the queue's order: newest first, then most rated.
const MOVIES = [
  {id: 1, title: "Matrix, The", year: 1999, genres: ["Action", "Sci-Fi"], ratings: 30_000},
  {id: 2, title: "Amélie", year: 2001, genres: ["Comedy", "Romance"], ratings: 9_000},
  {id: 3, title: "Toy Story", year: 1995, genres: ["Animation"], ratings: 25_000},
  {id: 4, title: "Memento", year: 2001, genres: [], ratings: 12_000}
];

/** A widget in the document (its keys listen on the document while it is there), with what it reported. */
function widget(options: RatingWidgetOptions = {}, movies = MOVIES) {
  const changes: MyRatingChange[][] = [];
  let inputs = 0;
  const root = RatingWidget(movies, {now: () => 1_000, onChange: (c) => changes.push(c), ...options});
  document.body.append(root);
  root.addEventListener("input", () => ++inputs);
  const $ = <E extends Element = HTMLElement>(selector: string) => root.querySelector<E>(selector)!;
  const star = (rating: number) => $<HTMLButtonElement>(`button.star[data-rating="${rating}"]`);
  const title = () => $(".movie-card .title").textContent;
  return {root, changes, inputs: () => inputs, $, star, title};
}
const key = (code: string, init: KeyboardEventInit = {}) =>
  document.dispatchEvent(new KeyboardEvent("keydown", {code, bubbles: true, cancelable: true, ...init}));
const search = (root: HTMLElement, text: string) => {
  const input = root.querySelector<HTMLInputElement>("input.movie-search")!;
  input.value = text;
  input.dispatchEvent(new Event("input"));
  return [...root.querySelectorAll(".search-results li")].map((li) => li.textContent);
};

afterEach(() => document.body.replaceChildren());

describe("RatingWidget(movies, {value, position, now, onChange})", () => {
  it("shows the newest movie first, with its year, genres and count, and has no ratings yet", () => {
    const {root, $, title} = widget();
    expect(title()).toBe("Memento");
    expect($(".movie-card .meta").textContent).toBe("2001 · no genres · 12,000 ratings");
    expect($(".movie-card .count").textContent).toBe("0 rated · 4 left in the queue");
    expect(root.value).toEqual([]);
    expect(root.position).toBe(4);
    expect($(".my-ratings").textContent).toBe(
      "My ratings (0)You have not rated a movie yet: rate the one above, or find one below."
    );
    expect($<HTMLButtonElement>("button.undo").disabled).toBe(true);
  });

  it("rates the movie on the card with a star, reports the change before a bubbling input event, and moves on", () => {
    const {root, changes, inputs, star, title, $} = widget();
    let seen: MyRatingChange[][] | null = null;
    document.body.addEventListener("input", () => (seen = [...changes]), {once: true});
    star(4.5).click();
    expect(changes).toEqual([[{movieId: 4, rating: 4.5, timestamp: 1_000}]]);
    expect(seen).toEqual(changes);
    expect(inputs()).toBe(1);
    expect(root.value).toEqual([{movieId: 4, rating: 4.5, timestamp: 1_000}]);
    expect(title()).toBe("Amélie");
    expect($(".movie-card .count").textContent).toBe("1 rated · 3 left in the queue");
    expect(
      [...root.querySelectorAll(".my-ratings-table tbody tr")].map((tr) => (tr as HTMLElement).dataset.movieId)
    ).toEqual(["4"]);
  });

  it("starts after my ratings, at the movie it stopped at", () => {
    expect(widget({value: [{movieId: 4, rating: 3, timestamp: 5}]}).title()).toBe("Amélie");
    expect(widget({position: 1}).title()).toBe("Matrix, The");
    // A position that is rated, or unknown, moves on to the next unrated movie.
    expect(widget({position: 2, value: [{movieId: 2, rating: 3, timestamp: 5}]}).title()).toBe("Matrix, The");
    expect(widget({position: 999}).title()).toBe("Memento");
  });

  it("ignores a double click, and a click as the card changes, so an unseen movie is never rated", () => {
    const {changes, star, title, root} = widget();
    star(5).dispatchEvent(new MouseEvent("click", {detail: 2}));
    expect(changes).toEqual([]);
    star(5).click();
    expect(title()).toBe("Amélie");
    // The card just changed: a click stamped now is within CARD_GUARD_MS of it.
    const early = new MouseEvent("click", {detail: 1});
    Object.defineProperty(early, "timeStamp", {value: performance.now()});
    star(1).dispatchEvent(early);
    expect(root.value.map((r) => r.movieId)).toEqual([4]);
    // What was held back is said, on the page and to a screen reader, until the next action.
    const said = "That came as the card changed, so it rated nothing: “Amélie” is on the card now.";
    expect(root.querySelector(".held-back")!.textContent).toBe(said);
    expect(document.getElementById("workbook-announcer")!.textContent).toBe(said);
    const late = new MouseEvent("click", {detail: 1});
    Object.defineProperty(late, "timeStamp", {value: performance.now() + CARD_GUARD_MS});
    star(1).dispatchEvent(late);
    expect(root.querySelector(".held-back")!.textContent).toBe("");
    // A quick second tap (a click of detail 2, as a touch screen gives) on the card that came is held back too, and
    // said.
    star(2).dispatchEvent(new MouseEvent("click", {detail: 2}));
    expect(root.querySelector(".held-back")!.textContent).toMatch(
      /^That came as the card changed, so it rated nothing/
    );
    expect(changes.map(([c]) => [c.movieId, c.rating])).toEqual([
      [4, 5],
      [2, 1]
    ]);
  });

  it("says a key held back after the last card in a whole sentence", () => {
    const {root, title} = widget({value: [1, 2, 3].map((movieId) => ({movieId, rating: 3, timestamp: 1}))});
    expect(title()).toBe("Memento");
    key("Digit4");
    expect(title()).toBe("You have seen the whole queue.");
    // A key stamped now, within CARD_GUARD_MS of the last card going.
    const early = new KeyboardEvent("keydown", {code: "Digit3", bubbles: true, cancelable: true});
    Object.defineProperty(early, "timeStamp", {value: performance.now()});
    document.dispatchEvent(early);
    expect(root.querySelector(".held-back")!.textContent).toBe("That came as the card changed, so it rated nothing.");
  });

  it("skips, and undoes a skip, a rating and a deletion one at a time, reporting what each undo restores", () => {
    const {root, changes, $, title} = widget({value: [{movieId: 3, rating: 2, timestamp: 7}]});
    $<HTMLButtonElement>("button.skip").click();
    expect(title()).toBe("Amélie");
    expect(changes).toEqual([]);
    $<HTMLButtonElement>("button.star[data-rating='3']").click();
    const del = root.querySelector<HTMLButtonElement>('.my-ratings-table tr[data-movie-id="3"] button.delete')!;
    // Its accessible name says what it deletes; what it did is said in the page's live region.
    expect(del.getAttribute("aria-label")).toMatch(/^Delete my rating of /);
    del.click();
    expect(document.getElementById("workbook-announcer")!.textContent).toBe(
      `Deleted my rating of ${del.getAttribute("aria-label")!.replace("Delete my rating of ", "")}.`
    );
    expect(changes.slice(1)).toEqual([[{movieId: 3, rating: null}]]);
    expect(root.value).toEqual([{movieId: 2, rating: 3, timestamp: 1_000}]);
    const undo = $<HTMLButtonElement>("button.undo");
    undo.click();
    expect(changes.at(-1)).toEqual([{movieId: 3, rating: 2, timestamp: 7}]);
    undo.click();
    expect(changes.at(-1)).toEqual([{movieId: 2, rating: null}]);
    expect(title()).toBe("Amélie");
    undo.click();
    expect(title()).toBe("Memento");
    expect(changes).toHaveLength(4); // undoing a skip changes no rating
    expect(undo.disabled).toBe(true);
    expect(root.value).toEqual([{movieId: 3, rating: 2, timestamp: 7}]);
  });

  it("takes keys: 1–5, Shift for half a star less, S to skip, U to undo; not while typing, held, or with Ctrl", () => {
    const {root, title} = widget();
    key("Digit4", {shiftKey: true});
    expect(root.value).toEqual([{movieId: 4, rating: 3.5, timestamp: 1_000}]);
    key("KeyS");
    expect(title()).toBe("Matrix, The");
    key("Digit5", {repeat: true});
    key("Digit5", {ctrlKey: true});
    root.querySelector("input")!.dispatchEvent(new KeyboardEvent("keydown", {code: "Digit5", bubbles: true}));
    expect(root.value).toHaveLength(1);
    key("Numpad5");
    expect(root.value.map((r) => [r.movieId, r.rating])).toEqual([
      [4, 3.5],
      [1, 5]
    ]);
    key("KeyU");
    key("KeyU");
    expect(title()).toBe("Amélie");
    key("KeyU");
    expect(root.value).toEqual([]);
    expect(title()).toBe("Memento");
  });

  it("stops listening for keys once it leaves the page", () => {
    const {root} = widget();
    root.remove();
    key("Digit3");
    document.body.append(root);
    key("Digit3");
    expect(root.value).toEqual([]);
  });

  it("says when the whole queue is rated, and disables the stars and Skip", () => {
    const {$, title, star} = widget({value: MOVIES.map((m) => ({movieId: m.id, rating: 4, timestamp: m.id}))});
    expect(title()).toBe("You have seen the whole queue.");
    expect(star(3).disabled).toBe(true);
    expect($<HTMLButtonElement>("button.skip").disabled).toBe(true);
    expect($(".movie-card").dataset.movieId).toBe("");
  });

  it("lists my ratings newest first, each with a select that changes it", () => {
    const {root, changes} = widget({
      value: [
        {movieId: 1, rating: 4, timestamp: 5},
        {movieId: 3, rating: 2.5, timestamp: 9},
        {movieId: 99, rating: 1, timestamp: 1}
      ]
    });
    const rows = [...root.querySelectorAll<HTMLTableRowElement>(".my-ratings-table tbody tr")];
    expect(
      rows.map((tr) => [tr.cells[0].textContent, tr.cells[1].textContent, tr.querySelector("select")!.value])
    ).toEqual([
      ["Toy Story", "1995", "2.5"],
      ["Matrix, The", "1999", "4"],
      ["movie 99", "", "1"]
    ]);
    const select = rows[0].querySelector("select")!;
    select.value = "5";
    select.dispatchEvent(new Event("change"));
    expect(changes).toEqual([[{movieId: 3, rating: 5, timestamp: 1_000}]]);
  });

  it("finds movies as people type their titles, most rated first, and rates from the results", () => {
    const {root, changes} = widget();
    expect(search(root, "the matrix")).toEqual(["Matrix, The (1999) Rate…0.5★1★1.5★2★2.5★3★3.5★4★4.5★5★"]);
    expect(search(root, "amelie").map((t) => t!.slice(0, 13))).toEqual(["Amélie (2001)"]);
    expect(search(root, "2001").map((t) => t!.split(" (")[0])).toEqual(["Memento", "Amélie"]);
    expect(search(root, "m")).toEqual(["Type at least two letters of the title, or its year."]);
    expect(search(root, "zzz")).toEqual(["No movie matches “zzz”."]);
    expect(search(root, "  ")).toEqual([]);
    search(root, "toy");
    const select = root.querySelector<HTMLSelectElement>('.search-results li[data-movie-id="3"] select')!;
    select.value = "4";
    select.dispatchEvent(new Event("change"));
    expect(changes).toEqual([[{movieId: 3, rating: 4, timestamp: 1_000}]]);
  });

  it(`lists at most ${SEARCH_RESULTS} results, and says how many more match`, () => {
    const many = Array.from({length: SEARCH_RESULTS + 2}, (_, i) => ({
      id: i + 1,
      title: `Star ${i + 1}`,
      year: 2000,
      genres: [],
      ratings: i
    }));
    const found = search(widget({}, many).root, "star");
    expect(found).toHaveLength(SEARCH_RESULTS + 1);
    expect(found[0]!.startsWith(`Star ${SEARCH_RESULTS + 2} (2000)`)).toBe(true);
    expect(found.at(-1)).toBe("…and 2 more movies match: type more of the title, or its year, to narrow the list.");
  });

  it("takes my ratings from elsewhere through .value, moving the card on only if its movie was rated", () => {
    const {root, title, $} = widget();
    search(root, "memento");
    root.value = [{movieId: 3, rating: 1, timestamp: 2}];
    expect(title()).toBe("Memento");
    root.value = [{movieId: 4, rating: 2, timestamp: 3}];
    expect(title()).toBe("Amélie");
    expect(root.value).toEqual([{movieId: 4, rating: 2, timestamp: 3}]);
    expect($<HTMLSelectElement>('.search-results li[data-movie-id="4"] select').value).toBe("2");
  });

  it("offers the release's own scale: whole stars only, where Shift+4 (3.5) rates nothing", () => {
    const {root, $} = widget({stars: [1, 2, 3, 4, 5]});
    expect([...root.querySelectorAll(".stars button.star")].map((b) => b.textContent)).toEqual([
      "1★",
      "2★",
      "3★",
      "4★",
      "5★"
    ]);
    expect($(".keys").textContent).toContain("whole stars only");
    key("Digit4", {shiftKey: true});
    expect(root.value).toEqual([]);
    key("Digit4");
    expect(root.value.map((r) => r.rating)).toEqual([4]);
    root.remove();
  });
});
