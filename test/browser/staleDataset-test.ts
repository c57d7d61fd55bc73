import {describe, expect, it} from "vitest";
import {openDatasetStore} from "../../src/components/browser/datasetStore.js";
import {staleDataset} from "../../src/components/browser/staleDataset.js";
import {browserDataset, datasetArtifacts} from "../../src/components/movielens/datasetArtifacts.js";
import {indexRatings} from "../../src/components/movielens/indexRatings.js";
import {parseMoviesDat} from "../../src/components/movielens/parseMoviesDat.js";
import {parseRatings} from "../../src/components/movielens/parseRatings.js";
import {fakeIndexedDB} from "../support/fakeIndexedDB.js";

const bytes = (s: string) => new TextEncoder().encode(s);
const artifacts = (name: string) => {
  const parsed = parseRatings(bytes("7::1::4::10\n"));
  return datasetArtifacts(
    parseMoviesDat(bytes("1::A (2000)::Drama\n")),
    indexRatings([1], [parsed]),
    {ratings: 1, myRatings: 0},
    browserDataset(name)
  );
};

describe("staleDataset(data, openStore)", () => {
  it("is null while the page shows what is stored, and says what another tab did once it is not", async () => {
    const factory = fakeIndexedDB();
    const open = () => openDatasetStore("test", factory);
    const built = {summary: {dataset: {name: "Synthetic data"}}, stored: null};
    expect(await staleDataset(built, open)).toBeNull();
    const store = await open();
    await store.save(artifacts("Mine"));
    const identity = (await store.identity())!;
    expect(await staleDataset(built, open)).toBe(
      `This page shows Synthetic data, but another tab has since loaded ${identity.name}. Reload this page to work ` +
        "on what is loaded now."
    );
    const mine = {summary: {dataset: {name: identity.name}}, stored: identity};
    expect(await staleDataset(mine, open)).toBeNull();
    await store.forget(identity.savedAt);
    expect(await staleDataset(mine, open)).toBe(
      `This page shows ${identity.name}, but another tab has since gone back to the built-in data. Reload this page ` +
        "to work on what is loaded now."
    );
    store.close();
  });

  it("is null where storage cannot be read: no tab can have changed it", async () => {
    const data = {summary: {dataset: {name: "d"}}, stored: {savedAt: "t", name: "d"}};
    expect(await staleDataset(data, () => Promise.reject(new Error("blocked")))).toBeNull();
  });
});
