import {csvParse} from "d3";
import {describe, expect, it} from "vitest";
import {recommendationsCsv} from "../../src/components/model/recommendationsCsv.js";
import type {Recommendation} from "../../src/components/model/recommend.js";

const row = (extra: Partial<Recommendation>): Recommendation => ({
  rank: 1,
  movieId: 1,
  index: 0,
  title: "Toy Story (1995)",
  year: 1995,
  genres: ["Animation", "Children's"],
  predicted: 4.4567,
  ratings: 120,
  mean: 3.9123,
  ...extra
});

describe("recommendationsCsv(rows, {predicted})", () => {
  it("writes the list as shown: rank, id, title, year, genres, predicted, ratings, mean (2 decimals)", () => {
    const csv = recommendationsCsv([
      row({}),
      row({rank: 2, movieId: 7, title: "=cmd|' /C calc'!A0", year: null, mean: null})
    ]);
    expect(csvParse(csv)).toEqual(
      Object.assign(
        [
          {
            rank: "1",
            movieId: "1",
            title: "Toy Story (1995)",
            year: "1995",
            genres: "Animation|Children's",
            predicted: "4.46",
            ratings: "120",
            mean: "3.91"
          },
          {
            rank: "2",
            movieId: "7",
            title: "'=cmd|' /C calc'!A0",
            year: "",
            genres: "Animation|Children's",
            predicted: "4.46",
            ratings: "120",
            mean: ""
          }
        ],
        {columns: ["rank", "movieId", "title", "year", "genres", "predicted", "ratings", "mean"]}
      )
    );
  });

  it("leaves the predicted column out of a list that is not personal", () => {
    expect(recommendationsCsv([row({})], {predicted: false}).split("\r\n")[0]).toBe(
      "rank,movieId,title,year,genres,ratings,mean"
    );
  });
});
