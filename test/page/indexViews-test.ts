// @vitest-environment jsdom
import {describe, expect, it} from "vitest";
import type {DatasetSummary} from "../../src/components/movielens/datasetArtifacts.js";
import {DatasetCards, RealDataHint} from "../../src/components/page/indexViews.js";

const counts = {users: 70_000, movies: 10_681, ratings: 10_000_054, myRatings: 40, ratedMovies: 10_677};

describe("DatasetCards(summary)", () => {
  it("shows the four counts and how full the user × movie matrix is", () => {
    const cards = DatasetCards({counts, sparsity: 0.98661});
    expect([...cards.querySelectorAll(".card")].map((c) => c.textContent!.replace(/\s+/g, ""))).toEqual([
      "Ratings10,000,054",
      "Users70,000",
      "Movies10,681",
      // The build's my_ratings.dat, named as such: the ratings given in this browser are counted on Rate movies.
      "Myratingsinmy_ratings.dat40"
    ]);
    expect(cards.querySelector("p")!.textContent).toMatch(/^The ratings fill 1\.34% of the user × movie matrix/);
  });

  it("says what to do where there are no ratings", () => {
    const none = {...counts, users: 0, movies: 0, ratings: 0, myRatings: 0};
    expect(DatasetCards({counts: none, sparsity: 1}).textContent).toBe(
      "Load MovieLens from your computer, above, to see how many ratings, users and movies it holds."
    );
  });
});

describe("RealDataHint(summary)", () => {
  const dataset = (published: boolean) => ({dataset: {published}}) as Pick<DatasetSummary, "dataset">;
  it("tells a visitor to a published site to load a release from their computer", () => {
    const text = RealDataHint(dataset(true)).textContent!.replace(/\s+/g, " ");
    expect(text).toContain("load a MovieLens release from your computer at the top of this page");
    expect(text).not.toContain("npm");
  });

  it("tells whoever builds the site how to fetch the data or point at it", () => {
    const text = RealDataHint(dataset(false)).textContent!.replace(/\s+/g, " ");
    expect(text).toContain("run npm run data:fetch and reload, or point MOVIELENS_DIR at a folder");
  });
});
