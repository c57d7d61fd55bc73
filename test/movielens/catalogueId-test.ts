import {describe, expect, it} from "vitest";
import {catalogueId} from "../../src/components/movielens/catalogueId.js";

const movies = [
  {id: 1, title: "Toy Story", year: 1995, genres: ["Animation", "Comedy"]},
  {id: 2, title: "Jumanji", year: 1995, genres: ["Adventure"]}
];

describe("catalogueId(movies)", () => {
  it("is the same for the same movies, and names how many there are", () => {
    expect(catalogueId(movies)).toBe(catalogueId(structuredClone(movies)));
    expect(catalogueId(movies)).toMatch(/^movies-fnv1a32:[0-9a-f]{8}:2$/);
    expect(catalogueId([])).toMatch(/:0$/);
  });
  it("differs when the ids agree but the movies do not (a synthetic catalogue against MovieLens)", () => {
    expect(catalogueId([{...movies[0], title: "Toy Story 2"}, movies[1]])).not.toBe(catalogueId(movies));
    expect(catalogueId([{...movies[0], genres: ["Animation"]}, movies[1]])).not.toBe(catalogueId(movies));
    expect(catalogueId([movies[1], movies[0]])).not.toBe(catalogueId(movies));
  });
});
