import {describe, expect, it} from "vitest";
import {movieTitle} from "../../src/components/movielens/movieTitle.js";

describe("movieTitle(text)", () => {
  it("splits off a trailing year", () => {
    expect(movieTitle("Toy Story (1995)")).toEqual({title: "Toy Story", year: 1995});
    expect(movieTitle("Powder (1995) ")).toEqual({title: "Powder", year: 1995});
    expect(movieTitle("Decalogue, The (Dekalog) (1989)")).toEqual({title: "Decalogue, The (Dekalog)", year: 1989});
  });
  it("leaves a title with no year whole, with a null year", () => {
    expect(movieTitle("Babylon 5")).toEqual({title: "Babylon 5", year: null});
    expect(movieTitle("unknown")).toEqual({title: "unknown", year: null});
  });
  it("keeps a year range in the title, its first year as the year", () => {
    expect(movieTitle("Fawlty Towers (1975-1979)")).toEqual({title: "Fawlty Towers (1975-1979)", year: 1975});
    expect(movieTitle("Death Note: Desu nôto (2006–2007)")).toEqual({
      title: "Death Note: Desu nôto (2006–2007)",
      year: 2006
    });
    expect(movieTitle("Sherlock (2010-)")).toEqual({title: "Sherlock (2010-)", year: 2010});
  });
});
