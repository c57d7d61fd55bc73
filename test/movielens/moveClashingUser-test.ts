import {describe, expect, it} from "vitest";
import {moveClashingUser, movedUserNote} from "../../src/components/movielens/moveClashingUser.js";

const columns = (users: number[]) => ({
  userId: Int32Array.from(users),
  movieId: new Int32Array(users.length),
  rating2: new Uint8Array(users.length),
  timestamp: new Int32Array(users.length)
});

describe("moveClashingUser(ratings)", () => {
  it("renumbers the release's user 99999 to the first id above its highest, in place", () => {
    const ratings = columns([1, 99999, 200948, 99999]);
    expect(moveClashingUser(ratings)).toBe(200949);
    expect([...ratings.userId]).toEqual([1, 200949, 200948, 200949]);
  });
  it("changes nothing without a user 99999", () => {
    const ratings = columns([1, 71567]);
    expect(moveClashingUser(ratings)).toBeNull();
    expect([...ratings.userId]).toEqual([1, 71567]);
  });
});

describe("movedUserNote(movedTo)", () => {
  it("says which id the release's user 99999 has now", () => {
    expect(movedUserNote(200949)).toBe("Its own user 99999 is user 200949 here, since 99999 is you (my_ratings.dat).");
  });
});
