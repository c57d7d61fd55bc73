import {readFileSync} from "node:fs";
import {describe, expect, it} from "vitest";
import {baseName} from "../../src/components/movielens/importMovieLens.js";
import {MOVIELENS_FILES, MOVIELENS_FORMATS, movielensFormat} from "../../src/components/movielens/movielensFormat.js";
import type {MovielensFormat} from "../../src/components/movielens/movielensFormat.js";
import {parseRatings} from "../../src/components/movielens/parseRatings.js";
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
    // What the import keeps of a dropped release folder (importMovieLens's filter, by lower-cased base name): the files
    // its format reads, with my ratings beside them, and nothing else the releases ship.
    const kept = (names: string[]) => names.filter((name) => MOVIELENS_FILES.includes(baseName(name)));
    const releases: [string[], MovielensFormat["id"], string[]][] = [
      [
        ["ml-10M100K/movies.dat", "ml-10M100K/ratings.dat", "ml-10M100K/tags.dat", "ml-10M100K/README.html"],
        "dat",
        ["movies.dat", "ratings.dat"]
      ],
      [
        ["ml-1m/movies.dat", "ml-1m/ratings.dat", "ml-1m/users.dat", "ml-1m/README"],
        "dat",
        ["movies.dat", "ratings.dat"]
      ],
      [
        ["ml-100k/u.data", "ml-100k/u.item", "ml-100k/u.genre", "ml-100k/u.user", "ml-100k/u.info", "ml-100k/u1.base"],
        "100k",
        ["u.data", "u.item", "u.genre"]
      ],
      [
        ["ml-32m/ratings.csv", "ml-32m/movies.csv", "ml-32m/links.csv", "ml-32m/tags.csv", "ml-32m/README.txt"],
        "csv",
        ["ratings.csv", "movies.csv"]
      ]
    ];
    for (const [names, id, files] of releases) {
      const mine = [...names, "my_ratings.dat"];
      expect(kept(mine).map(baseName)).toEqual([...files, "my_ratings.dat"]);
      const format = movielensFormat(kept(mine))!;
      expect(format.id).toBe(id);
      for (const file of [format.movies, format.ratings, format.genres]) if (file) expect(kept([file])).toEqual([file]);
    }
    expect(kept(["ML-100K/U.GENRE", "Movies.DAT", "ratings.txt", "movies.dat.zip"])).toEqual([
      "ML-100K/U.GENRE",
      "Movies.DAT"
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
    // ratings.dat's fields, named in the order the parser reads them from a real line.
    const ratingsDat = readFileSync("test/fixtures/ratings.dat", "utf8");
    const fields = ratingsDat.split("\n")[0].split("::");
    const read = parseRatings(new TextEncoder().encode(ratingsDat));
    expect(Object.fromEntries(dat.ratingLine.split("::").map((name, i) => [name, +fields[i]]))).toEqual({
      UserID: read.userId[0],
      MovieID: read.movieId[0],
      Rating: read.rating2[0] / 2,
      Timestamp: read.timestamp[0]
    });
    expect(dat.movieLine.split("::")).toHaveLength(
      readFileSync("test/fixtures/movies.dat", "utf8").split("\n")[0].split("::").length
    );
    // u.data's four fields, tab-separated (⇥ in the prose), as the fixture's lines have them.
    const udata = MOVIELENS_FORMATS.find((x) => x.id === "100k")!;
    expect(udata.ratingLine.split(" ⇥ ")).toHaveLength(
      readFileSync("test/fixtures/ml-100k/u.data", "utf8").split("\n")[0].split("\t").length
    );
    for (const f of MOVIELENS_FORMATS) expect(f.layout.length).toBeGreaterThan(20);
  });
});
