// @vitest-environment jsdom
import {describe, expect, it} from "vitest";
import type {MyRating} from "../../src/components/movielens/myRatingsFile.js";
import {MyStorageNote, ratingStars} from "../../src/components/page/myRatingsPage.js";

describe("ratingStars(data)", () => {
  const bins = (halfStars: number) =>
    [1, 2, 3, 4, 5].flatMap((star) => [
      {rating: star - 0.5, count: halfStars},
      {rating: star, count: 10}
    ]);
  it("offers whole stars only where every rating of the release is one, else half stars", () => {
    expect(ratingStars({histogram: {bins: bins(0)} as never})).toEqual([1, 2, 3, 4, 5]);
    expect(ratingStars({histogram: {bins: bins(1)} as never})).toHaveLength(10);
    // No histogram read, or no ratings: half stars, the scale of MovieLens 10M.
    expect(ratingStars({})).toHaveLength(10);
  });
});

describe("MyStorageNote(mine, {models, invalidation})", () => {
  /** My ratings whose storage fills at the third rating, telling their listeners of each change until they stop. */
  function filling() {
    const listeners = new Set<(ratings: MyRating[]) => void>();
    let ratings: MyRating[] = [];
    return {
      problem: () => (ratings.length >= 3 ? ("full" as const) : null),
      watch(listener: (ratings: MyRating[]) => void) {
        listeners.add(listener);
        listener(ratings);
        return () => void listeners.delete(listener);
      },
      rate(movieId: number) {
        ratings = [...ratings, {movieId, rating: 4, timestamp: 0}];
        for (const listener of listeners) listener(ratings);
      }
    };
  }

  it("is drawn again at every change of my ratings, so a storage that fills is said at once", () => {
    const mine = filling();
    const note = MyStorageNote(mine, {invalidation: new Promise(() => {})});
    expect(note.querySelector(".storage-note.none")).not.toBeNull();
    mine.rate(1);
    mine.rate(2);
    expect(note.textContent).toBe("");
    mine.rate(3);
    expect(note.querySelector(".storage-note.none")).toBeNull();
    expect(note.textContent).toContain("My latest ratings are kept in this page only");
  });

  it("names the models' problem from the start, and stops following my ratings when the page's cell ends", async () => {
    const mine = filling();
    let end!: () => void;
    const invalidation = new Promise<void>((resolve) => (end = resolve));
    const note = MyStorageNote(mine, {models: "blocked", invalidation});
    expect(note.textContent).toContain("blocks this site's storage");
    expect(note.textContent).not.toMatch(/my latest ratings/i);
    end();
    await invalidation;
    [1, 2, 3].forEach((id) => mine.rate(id));
    expect(note.textContent).not.toMatch(/my latest ratings/i);
  });
});
