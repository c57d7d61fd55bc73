// @vitest-environment jsdom
import {describe, expect, it} from "vitest";
import type {MyRatingsStore} from "../../src/components/browser/myRatingsStorage.js";
import type {MyRating} from "../../src/components/movielens/myRatingsFile.js";
import {
  ExportButton,
  ForgetButton,
  ImportForm,
  ImportNote,
  importMyRatings,
  ratingTool,
  ratingToolOn
} from "../../src/components/page/rateViews.js";

const movies = [1, 2, 3].map((id) => ({id, title: `Movie ${id}`, year: 2000 + id, genres: [], ratings: 10}));
const never = new Promise<unknown>(() => {});

/** My ratings in memory, as openMyRatings gives them, with the problem and legacy list asked for. */
function store(
  ratings: MyRating[],
  {problem = null, stored = true, legacy = {count: 0, adopted: false}, failing = false} = {} as {
    problem?: "blocked" | "full" | null;
    stored?: boolean;
    legacy?: {count: number; adopted: boolean};
    failing?: boolean;
  }
) {
  let now = [...ratings];
  const forgotten: boolean[] = [];
  const mine = {
    read: () => now,
    isStored: () => stored,
    apply: (changes: {movieId: number; rating: number | null; timestamp?: number}[]) => {
      if (failing) throw new Error("The browser's storage for this site is full");
      for (const c of changes) {
        now = now.filter((r) => r.movieId !== c.movieId);
        if (c.rating !== null) now.push({movieId: c.movieId, rating: c.rating, timestamp: c.timestamp ?? 0});
      }
      return now;
    },
    forget: () => void forgotten.push(true),
    readPosition: () => null,
    writePosition: () => {},
    watch: () => () => {},
    legacy: {...legacy, adoptedBy: null},
    problem: () => problem,
    close: () => {}
  } as unknown as MyRatingsStore;
  return {mine, forgotten};
}

describe("ratingToolOn(data, mine, {invalidation})", () => {
  const bins = (whole: number, half: number) =>
    [0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5].map((rating) => ({rating, count: rating % 1 ? half : whole}));
  const data = (ratings: number, histogram = bins(10, 10)) => ({
    movies,
    summary: {
      counts: {ratings},
      myRatings: [
        {movieId: 1, rating: 4},
        {movieId: 2, rating: 5}
      ]
    },
    histogram: {bins: histogram}
  });
  it("starts from the dataset's my_ratings.dat, with the stars its ratings use; with no data, says what to do", () => {
    const {mine} = store([], {stored: false});
    const tool = ratingToolOn(data(100) as never, mine, {invalidation: never});
    expect(tool.saveNote.textContent).toMatch(/^Starting from the 2 ratings in this dataset's my_ratings\.dat/);
    expect(tool.view.contains(tool.widget)).toBe(true);
    // Whole stars only, as MovieLens 1M rates: no half-star choices (ratingStars).
    const halves = (histogram: ReturnType<typeof bins>) =>
      ratingToolOn(data(100, histogram) as never, mine, {invalidation: never}).widget.querySelectorAll("button").length;
    expect(halves(bins(10, 0))).toBeLessThan(halves(bins(10, 10)));
    expect(ratingToolOn(data(0) as never, mine, {invalidation: never}).view.textContent).toBe(
      "Load MovieLens from your computer, above, to rate its movies."
    );
  });
});

describe("ratingTool(movies, mine, {stars, seedCount, invalidation})", () => {
  it("opens with how many ratings there are and where they come from", () => {
    const two = [
      {movieId: 1, rating: 4, timestamp: 1},
      {movieId: 2, rating: 3, timestamp: 2}
    ];
    const note = (options: Parameters<typeof store>[1]) =>
      ratingTool(movies, store(two, options).mine, {seedCount: 40, invalidation: never}).saveNote.textContent;
    expect(note({})).toBe("2 ratings saved in this browser.");
    expect(note({problem: "blocked"})).toBe("2 ratings, kept in this tab only.");
    expect(note({stored: false})).toBe(
      "Starting from the 40 ratings in this dataset's my_ratings.dat; your first change saves them in this browser."
    );
    expect(note({legacy: {count: 2, adopted: true}})).toBe(
      "2 ratings saved in this browser. 2 of them were saved by an earlier version of this workbook, before ratings " +
        "were kept per dataset."
    );
    expect(note({legacy: {count: 5, adopted: false}})).toMatch(
      /\(5 ratings saved by an earlier version .* dataset\.\)$/
    );
  });

  it("says each rating is saved, never when the browser would not keep it, and why it could not be", () => {
    const late = (widget: HTMLElement) => {
      // A deliberate click, long after the card was shown.
      const event = new MouseEvent("click", {bubbles: true, detail: 1});
      Object.defineProperty(event, "timeStamp", {value: performance.now() + 10_000});
      widget.querySelector<HTMLButtonElement>('.stars button.star[data-rating="4"]')!.dispatchEvent(event);
    };
    for (const [options, expected] of [
      [{}, ["save-note", "Saved: 1 ratings in this browser."]],
      [{problem: "full"}, ["save-note warning", "Not saved in this browser: 1 ratings are kept in this page only."]],
      [{failing: true}, ["save-note error", "Could not save your ratings: The browser's storage for this site is full"]]
    ] as const) {
      const {widget, saveNote} = ratingTool(movies, store([], options).mine, {seedCount: 0, invalidation: never});
      late(widget);
      expect([saveNote.className, saveNote.textContent]).toEqual(expected);
    }
  });
});

describe("importMyRatings(bytes, file, movies, mine)", () => {
  const bytes = (text: string) => new TextEncoder().encode(text);
  it("says what it added, replaced and left as it was, and leaves out movies this dataset lacks", () => {
    const {mine} = store([
      {movieId: 1, rating: 4, timestamp: 1},
      {movieId: 2, rating: 3, timestamp: 2}
    ]);
    const file = "99999::1::4::10\n99999::2::5::11\n99999::3::2::12\n99999::77::1::13\n";
    expect(importMyRatings(bytes(file), "mine.dat", movies, mine)).toEqual({
      text:
        "Imported 3 of the 4 ratings in mine.dat: 1 new, 1 replaced (the file's rating wins), 1 already the same. " +
        "Left out 1 rating of movies this dataset lacks (id 77): the file may have been made on another dataset.",
      error: false
    });
    expect(mine.read().map((r) => [r.movieId, r.rating])).toEqual([
      [1, 4],
      [2, 5],
      [3, 2]
    ]);
  });

  it("says an empty file imported nothing; refuses a file with an invalid line, or a store that fails, whole", () => {
    expect(importMyRatings(bytes(""), "e.dat", movies, store([]).mine).text).toBe(
      "e.dat holds no ratings, so nothing was imported."
    );
    const bad = importMyRatings(bytes("99999::1::4::10\n99999::2::nine::11\n"), "bad.dat", movies, store([]).mine);
    expect(bad.error).toBe(true);
    expect(bad.text).toMatch(/^bad\.dat: 1 invalid line; nothing was imported\.\nbad\.dat:2: /);
    const full = importMyRatings(bytes("99999::1::4::10\n"), "m.dat", movies, store([], {failing: true}).mine);
    expect(full).toEqual({text: "The browser's storage for this site is full", error: true});
    expect(ImportNote(full).className).toBe("import-note error");
    expect(ImportNote({text: "ok", error: false}).className).toBe("import-note");
  });
});

describe("ExportButton(ratings) and ForgetButton(mine, {summary, saved, confirm})", () => {
  it("export my ratings in the original's format, and forget them only once confirmed, and only mine", () => {
    const files: [string, string][] = [];
    const exported = ExportButton(
      () => [{movieId: 3, rating: 4.5, timestamp: 99}],
      (parts, name) => void files.push([name, String(parts[0])])
    );
    exported.querySelector("button")!.click();
    expect(files).toEqual([["my_ratings.dat", "99999::3::4.5::99\n"]]);

    const {mine, forgotten} = store([{movieId: 1, rating: 4, timestamp: 1}]);
    const said: string[] = [];
    const questions: string[] = [];
    let answer = false;
    const button = ForgetButton(mine, {
      summary: {myRatings: new Array(40)},
      saved: (text) => void said.push(text),
      confirm: (question) => (questions.push(question), answer)
    }).querySelector("button")!;
    button.click();
    expect(forgotten).toEqual([]);
    expect(questions[0]).toBe(
      "Delete the 1 ratings you gave on this dataset in this browser? This dataset's own my_ratings.dat (40 " +
        "ratings) will apply again; ratings you gave on other datasets are kept."
    );
    answer = true;
    button.click();
    expect(forgotten).toEqual([true]);
    expect(said).toEqual(["Forgotten: the 40 ratings of this dataset's my_ratings.dat apply again."]);

    // In a fresh browser the ratings shown are the dataset's own: nothing to forget, and nothing asked.
    const seed = store([{movieId: 1, rating: 4, timestamp: 1}], {stored: false});
    const freshSaid: string[] = [];
    const asked = questions.length;
    ForgetButton(seed.mine, {
      summary: {myRatings: new Array(40)},
      saved: (text) => void freshSaid.push(text),
      confirm: (question) => (questions.push(question), true)
    })
      .querySelector("button")!
      .click();
    expect(questions.length).toBe(asked);
    expect(seed.forgotten).toEqual([]);
    expect(freshSaid).toEqual([
      "Nothing to forget: the 40 ratings shown are this dataset's own my_ratings.dat; you have not rated on this " +
        "dataset in this browser."
    ]);
  });
});

describe("ImportForm(movies, mine)", () => {
  /** Chooses `text` as the file `name` in the form's field, as a person does, and waits for the import to apply. */
  const choose = async (form: HTMLElement, name: string, text: string) => {
    const input = form.querySelector<HTMLInputElement>("input[type=file]")!;
    // jsdom's File has no arrayBuffer(): the bytes are given as a browser's File gives them.
    const file = Object.assign(new File([text], name), {
      arrayBuffer: async () => new TextEncoder().encode(text).buffer
    });
    Object.defineProperty(input, "files", {value: [file], configurable: true});
    input.dispatchEvent(new Event("input", {bubbles: true}));
    await new Promise((resolve) => setTimeout(resolve, 10));
  };

  it("imports the chosen file into my ratings and says what it changed under the field", async () => {
    const {mine} = store([{movieId: 1, rating: 4, timestamp: 1}]);
    const form = ImportForm(movies, mine);
    expect(form.querySelector("label")!.textContent).toBe("Import my_ratings.dat");
    expect(form.querySelector(".import-note")).toBeNull();
    await choose(form, "mine.dat", "99999::2::5::11\n");
    expect(mine.read().map((r) => [r.movieId, r.rating])).toEqual([
      [1, 4],
      [2, 5]
    ]);
    expect(form.querySelectorAll(".import-note")).toHaveLength(1);
    expect(form.querySelector(".import-note")!.textContent).toMatch(/^Imported 1 of the 1 ratings in mine\.dat: 1 new/);
  });

  it("refuses a file with an invalid line whole, and the next file's note replaces it", async () => {
    const {mine} = store([]);
    const form = ImportForm(movies, mine);
    await choose(form, "bad.dat", "99999::2::5::11\nnot a rating\n");
    expect(mine.read()).toEqual([]);
    expect(form.querySelector(".import-note.error")!.textContent).toContain("bad.dat");
    await choose(form, "good.dat", "99999::3::2::12\n");
    expect(form.querySelectorAll(".import-note")).toHaveLength(1);
    expect(form.querySelector(".import-note.error")).toBeNull();
    expect(mine.read().map((r) => r.movieId)).toEqual([3]);
  });

  it("says a file it cannot read could not be read, changing nothing", async () => {
    const {mine} = store([]);
    const form = ImportForm(movies, mine);
    const input = form.querySelector<HTMLInputElement>("input[type=file]")!;
    const gone = Object.assign(new File([""], "gone.dat"), {
      arrayBuffer: () => Promise.reject(new Error("The file was moved or deleted."))
    });
    Object.defineProperty(input, "files", {value: [gone]});
    input.dispatchEvent(new Event("input", {bubbles: true}));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(form.querySelector(".import-note.error")!.textContent).toBe(
      "Could not read gone.dat: The file was moved or deleted."
    );
    expect(mine.read()).toEqual([]);
  });
});
