import {readFileSync} from "node:fs";
import {describe, expect, it} from "vitest";
import {MOVIELENS_FILES, MOVIELENS_FORMATS, movielensFormat} from "../../src/components/movielens/movielensFormat.js";
import {U_GENRE} from "../support/uGenre.js";

describe("movielensFormat(names)", () => {
  it("detects each release's format from its files, in any folder and case", () => {
    expect(movielensFormat(["ml-10M100K/movies.dat", "ml-10M100K/ratings.dat", "ml-10M100K/tags.dat"])?.id).toBe("dat");
    expect(movielensFormat(["ml-1m/movies.dat", "ml-1m/ratings.dat", "ml-1m/users.dat"])?.id).toBe("dat");
    expect(movielensFormat(["ml-100k/u.data", "ml-100k/u.item", "ml-100k/u.genre", "ml-100k/u1.base"])?.id).toBe(
      "100k"
    );
    expect(movielensFormat(["ml-32m/ratings.csv", "ml-32m/movies.csv", "ml-32m/links.csv"])?.id).toBe("csv");
    expect(movielensFormat(["Ratings.CSV", "MOVIES.csv"])?.id).toBe("csv");
  });
  it("prefers a complete format, else names the one partly there, else none", () => {
    expect(movielensFormat(["movies.dat", "ratings.csv", "movies.csv"])?.id).toBe("csv");
    expect(movielensFormat(["ml-25m/ratings.csv"])?.id).toBe("csv");
    expect(movielensFormat(["u.item"])?.id).toBe("100k");
    expect(movielensFormat(["README.txt", "tags.dat"])).toBeNull();
  });
  it("lists every file a format reads, and my_ratings.dat", () => {
    expect(MOVIELENS_FILES).toEqual([
      "movies.dat",
      "ratings.dat",
      "u.item",
      "u.data",
      "u.genre",
      "movies.csv",
      "ratings.csv",
      "my_ratings.dat"
    ]);
  });
  it("reads ML-100K's movies with u.genre's names, or the README's list without it", () => {
    const f = MOVIELENS_FORMATS.find((x) => x.id === "100k")!;
    const item = new Uint8Array(readFileSync("test/fixtures/ml-100k/u.item"));
    expect(f.parseMovies(item, "u.item")[0].genres).toEqual(["Animation", "Children's", "Comedy"]);
    const renamed = new TextEncoder().encode(new TextDecoder().decode(U_GENRE).replace("Comedy|5", "Funny|5"));
    expect(f.parseMovies(item, "u.item", renamed)[0].genres).toEqual(["Animation", "Children's", "Funny"]);
  });
  it("describes each format's lines as the files write them: a CSV release's header rows are its lines' fields", () => {
    const csv = MOVIELENS_FORMATS.find((x) => x.id === "csv")!;
    const firstLine = (file: string) =>
      readFileSync(`test/fixtures/ml-latest-small/${file}`, "utf8").split("\n")[0].trim();
    expect(csv.movieLine).toBe(firstLine("movies.csv"));
    expect(csv.ratingLine).toBe(firstLine("ratings.csv"));
    const dat = MOVIELENS_FORMATS.find((x) => x.id === "dat")!;
    expect(dat.movieLine.split("::")).toHaveLength(3);
    expect(dat.ratingLine.split("::")).toEqual(["UserID", "MovieID", "Rating", "Timestamp"]);
    // u.data's four fields, tab-separated (⇥ in the prose), as the fixture's lines have them.
    const udata = MOVIELENS_FORMATS.find((x) => x.id === "100k")!;
    expect(udata.ratingLine.split(" ⇥ ")).toHaveLength(
      readFileSync("test/fixtures/ml-100k/u.data", "utf8").split("\n")[0].split("\t").length
    );
    for (const f of MOVIELENS_FORMATS) expect(f.layout.length).toBeGreaterThan(20);
  });
});
