import {describe, expect, it} from "vitest";
import {checkCsvHeader} from "../../src/components/movielens/checkCsvHeader.js";

describe("checkCsvHeader(text, expected, file)", () => {
  it("accepts the exact header", () => {
    expect(() => checkCsvHeader("movieId,title,genres", "movieId,title,genres", "movies.csv")).not.toThrow();
  });
  it("refuses another first line, a partial header and an empty file at file:1, with the text", () => {
    expect(() => checkCsvHeader("1,Toy Story (1995),Comedy", "movieId,title,genres", "movies.csv")).toThrowError(
      'movies.csv:1: expected the header "movieId,title,genres", ' +
        "found another first line\n  > 1,Toy Story (1995),Comedy"
    );
    expect(() =>
      checkCsvHeader("userId,movieId,rating", "userId,movieId,rating,timestamp", "ml-32m/ratings.csv")
    ).toThrowError(
      'ml-32m/ratings.csv:1: expected the header "userId,movieId,rating,timestamp", found another first line'
    );
    expect(() => checkCsvHeader("MovieId,Title,Genres", "movieId,title,genres", "movies.csv")).toThrowError(
      "movies.csv:1: expected the header"
    );
    expect(() => checkCsvHeader("", "movieId,title,genres", "movies.csv")).toThrowError(
      'movies.csv:1: missing header: expected "movieId,title,genres" on the first line'
    );
  });
});
