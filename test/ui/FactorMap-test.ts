import {describe, expect, it} from "vitest";
import {OTHER_GENRES, genreGroup, genreGroups} from "../../src/components/ui/FactorMap.js";

describe("genreGroups(chosen)", () => {
  it("has a group per chosen genre, one for both, and the rest", () => {
    expect(genreGroups([])).toEqual([OTHER_GENRES]);
    expect(genreGroups(["Drama"])).toEqual(["Drama", OTHER_GENRES]);
    expect(genreGroups(["Drama", "Comedy"])).toEqual(["Drama", "Comedy", "Drama and Comedy", OTHER_GENRES]);
  });
});

describe("genreGroup(genres, chosen)", () => {
  it("puts a movie in its chosen genre, in both, or with the rest, whatever the order of its genres", () => {
    const chosen = ["Drama", "Comedy"];
    expect(genreGroup(["Action", "Drama"], chosen)).toBe("Drama");
    expect(genreGroup(["Comedy"], chosen)).toBe("Comedy");
    expect(genreGroup(["Comedy", "Action", "Drama"], chosen)).toBe("Drama and Comedy");
    expect(genreGroup(["Action", "Adventure"], chosen)).toBe(OTHER_GENRES);
    expect(genreGroup([], chosen)).toBe(OTHER_GENRES);
    expect(genreGroup(["Drama"], [])).toBe(OTHER_GENRES);
  });
});
