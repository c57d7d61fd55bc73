import {describe, expect, it} from "vitest";
import {matchesTitle, parseTitleQuery, titleKey} from "../../src/components/model/titleMatch.js";

const movies = [
  {title: "Matrix, The", year: 1999},
  {title: "Matrix Reloaded, The", year: 2003},
  {title: "Haine, La", year: 1995},
  {title: "Mask, The", year: 1994},
  {title: "Amélie (Fabuleux destin d'Amélie Poulain, Le)", year: 2001},
  {title: "City of Lost Children, The (Cité des enfants perdus, La)", year: 1995},
  {title: "Die Hard", year: 1988},
  {title: "Die Hard 2", year: 1990},
  {title: "Boot, Das (Boat, The)", year: 1981},
  {title: "Schindler's List", year: 1993},
  {title: "Atalante, L'", year: 1934},
  {title: "2001: A Space Odyssey", year: 1968},
  {title: "Good, the Bad and the Ugly, The", year: 1966},
  {title: "Hawaii", year: 1966},
  {title: "Søren's Café", year: null}
];

/** The titles a query finds, in the list's order. */
const find = (query: string) => {
  const q = parseTitleQuery(query);
  if (q === null) return null;
  return movies.filter((m) => matchesTitle(q, titleKey(m.title), m.year)).map((m) => m.title);
};

describe("titleKey(title)", () => {
  it("puts a moved article back in front, then the title as written, without case, accents or punctuation", () => {
    expect(titleKey("Matrix, The")).toBe(" the matrix | matrix the ");
    expect(titleKey("Haine, La")).toBe(" la haine | haine la ");
    expect(titleKey("City of Lost Children, The (Cité des enfants perdus, La)")).toBe(
      " the city of lost children la cite des enfants perdus | city of lost children the cite des enfants perdus la "
    );
    expect(titleKey("Good, the Bad and the Ugly, The")).toBe(
      " the good the bad and the ugly | good the bad and the ugly the "
    );
  });
  it("keeps an elided article a word of its own and drops other apostrophes", () => {
    expect(titleKey("Atalante, L'")).toBe(" l atalante | atalante l ");
    expect(titleKey("Schindler's List")).toBe(" schindlers list | schindlers list ");
  });
  it("leaves a comma that is not before an article alone", () => {
    expect(titleKey("Crouching Tiger, Hidden Dragon")).toBe(
      " crouching tiger hidden dragon | crouching tiger hidden dragon "
    );
  });
});

describe("parseTitleQuery(query)", () => {
  it("is null for a query too short to mean anything", () => {
    for (const q of ["", " ", "a", "é", "(", "(1", "!!", "x."]) expect(parseTitleQuery(q), q).toBeNull();
  });
  it("reads words, a year after “(”, and four-digit numbers", () => {
    expect(parseTitleQuery("The Matrix")).toEqual({words: "the matrix", yearPrefix: null, numbers: []});
    expect(parseTitleQuery("Matrix, The")).toEqual({words: "the matrix", yearPrefix: null, numbers: []});
    expect(parseTitleQuery("Die Hard (1988")).toEqual({words: "die hard", yearPrefix: "1988", numbers: []});
    expect(parseTitleQuery("die hard (1988)")).toEqual({words: "die hard", yearPrefix: "1988", numbers: []});
    expect(parseTitleQuery("die hard 1988")).toEqual({words: "die hard", yearPrefix: null, numbers: ["1988"]});
    expect(parseTitleQuery("(19")).toEqual({words: "", yearPrefix: "19", numbers: []});
  });
});

describe("matchesTitle(query, key, year)", () => {
  it("finds a title by the way people say it, with its article in front", () => {
    expect(find("The Matrix")).toEqual(["Matrix, The", "Matrix Reloaded, The"]);
    expect(find("the matrix reloaded")).toEqual(["Matrix Reloaded, The"]);
    expect(find("La Haine")).toEqual(["Haine, La"]);
    expect(find("the city of lost children")).toEqual(["City of Lost Children, The (Cité des enfants perdus, La)"]);
    expect(find("la cité des enfants")).toEqual(["City of Lost Children, The (Cité des enfants perdus, La)"]);
    expect(find("Das Boot")).toEqual(["Boot, Das (Boat, The)"]);
    expect(find("L'Atalante")).toEqual(["Atalante, L'"]);
  });
  it("finds it as MovieLens writes it, or without its article, while it is being typed", () => {
    expect(find("Matrix, The")).toEqual(["Matrix, The", "Matrix Reloaded, The"]);
    expect(find("matrix, th")).toEqual(["Matrix, The"]);
    expect(find("matrix")).toEqual(["Matrix, The", "Matrix Reloaded, The"]);
    expect(find("mat")).toEqual(["Matrix, The", "Matrix Reloaded, The"]);
    expect(find("haine")).toEqual(["Haine, La"]);
    expect(find("atalante")).toEqual(["Atalante, L'"]);
  });
  it("ignores case, accents and punctuation", () => {
    expect(find("AMELIE")).toEqual(["Amélie (Fabuleux destin d'Amélie Poulain, Le)"]);
    expect(find("le fabuleux destin d'amelie")).toEqual(["Amélie (Fabuleux destin d'Amélie Poulain, Le)"]);
    expect(find("soren")).toEqual(["Søren's Café"]);
    expect(find("sorens cafe")).toEqual(["Søren's Café"]);
    expect(find("schindler's list")).toEqual(["Schindler's List"]);
    expect(find("schindlers")).toEqual(["Schindler's List"]);
    expect(find("good the bad")).toEqual(["Good, the Bad and the Ugly, The"]);
  });
  it("matches from the start of a word, not inside one", () => {
    expect(find("ii")).toEqual([]);
    expect(find("atrix")).toEqual([]);
    expect(find("hawaii")).toEqual(["Hawaii"]);
  });
  it("reads a year after “(” as the release year, or its start", () => {
    expect(find("(1988")).toEqual(["Die Hard"]);
    expect(find("(1988)")).toEqual(["Die Hard"]);
    expect(find("die hard (1990")).toEqual(["Die Hard 2"]);
    expect(find("(199")).toEqual([
      "Matrix, The",
      "Haine, La",
      "Mask, The",
      "City of Lost Children, The (Cité des enfants perdus, La)",
      "Die Hard 2",
      "Schindler's List"
    ]);
    expect(find("(2050")).toEqual([]);
  });
  it("reads a four-digit number as the release year or a number in the title", () => {
    expect(find("1988")).toEqual(["Die Hard"]);
    expect(find("die hard 1988")).toEqual(["Die Hard"]);
    expect(find("2001")).toEqual(["Amélie (Fabuleux destin d'Amélie Poulain, Le)", "2001: A Space Odyssey"]);
    expect(find("2001 space")).toEqual(["2001: A Space Odyssey"]);
  });
  it("finds nothing for a query too short to mean anything", () => {
    expect(find("a")).toBeNull();
  });
});
