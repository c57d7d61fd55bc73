import {mkdirSync, mkdtempSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {resolveDataset} from "../src/data/dataset.js";
import {isWithheld, withheldArtifacts} from "../src/data/withheld.js";

function folder(files: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), "withheld-test-"));
  mkdirSync(dir, {recursive: true});
  for (const name of files) writeFileSync(join(dir, name), "");
  return dir;
}

describe("isWithheld(dataset, env)", () => {
  it("withholds every release's derived files in a publish build: .dat, ML-100K and CSV folders alike", async () => {
    for (const files of [
      ["movies.dat", "ratings.dat"],
      ["u.item", "u.data", "u.genre"],
      ["movies.csv", "ratings.csv"]
    ]) {
      const dir = folder(files);
      const dataset = await resolveDataset({env: {MOVIELENS_DIR: dir}, root: dir});
      expect(isWithheld(dataset, {WORKBOOK_PUBLISH: "1"})).toBe(true);
      expect(isWithheld(dataset, {})).toBe(false);
    }
  });
  it("publishes synthetic data, and writes empty artifacts when withholding", async () => {
    const dir = folder(["movies.csv", "ratings.csv"]);
    writeFileSync(
      join(dir, "SYNTHETIC.json"),
      JSON.stringify({
        format: "movielens-synthetic",
        version: 1,
        options: {seed: 1, users: 2, movies: 2, ratings: 2, noise: 0.5}
      })
    );
    expect(isWithheld(await resolveDataset({env: {MOVIELENS_DIR: dir}, root: dir}), {WORKBOOK_PUBLISH: "1"})).toBe(
      false
    );
    expect(withheldArtifacts().summary.counts.ratings).toBe(0);
  });
});
