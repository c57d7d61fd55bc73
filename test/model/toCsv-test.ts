import {csvParseRows} from "d3";
import {describe, expect, it} from "vitest";
import {guardFormula, toCsv} from "../../src/components/model/toCsv.js";
import {splitCsvLine} from "../../src/components/movielens/splitCsvLine.js";

describe("toCsv(header, rows)", () => {
  it("writes RFC 4180: quotes a field with a comma, quote or newline, doubles quotes, ends records with CRLF", () => {
    const csv = toCsv(
      ["title", "year"],
      [
        ["Lock, Stock and Two Smoking Barrels", 1998],
        ['Say "Cheese"', null],
        ["a\nb", 1]
      ]
    );
    expect(csv).toBe('title,year\r\n"Lock, Stock and Two Smoking Barrels",1998\r\n"Say ""Cheese""",\r\n"a\nb",1\r\n');
    // Another reader (d3-dsv's) reads back what was written.
    expect(csvParseRows(csv.replace(/\r\n$/, ""))).toEqual([
      ["title", "year"],
      ["Lock, Stock and Two Smoking Barrels", "1998"],
      ['Say "Cheese"', ""],
      ["a\nb", "1"]
    ]);
  });

  it("guards a text field a spreadsheet would run as a formula, and leaves numbers as numbers", () => {
    const csv = toCsv(
      ["title", "n"],
      [
        ['=HYPERLINK("http://x")', -1],
        ["+1", 2],
        ["-2", 3],
        ["@SUM(A1)", 4],
        ["\tx", 5]
      ]
    );
    const rows = csvParseRows(csv.replace(/\r\n$/, ""));
    expect(rows.slice(1)).toEqual([
      ['\'=HYPERLINK("http://x")', "-1"],
      ["'+1", "2"],
      ["'-2", "3"],
      ["'@SUM(A1)", "4"],
      ["'\tx", "5"]
    ]);
    expect(guardFormula("Toy Story (1995)")).toBe("Toy Story (1995)");
  });

  it("is read back line by line by the workbook's own CSV reader (splitCsvLine, the ratings.csv one)", () => {
    const rows = [
      ["Lock, Stock and Two Smoking Barrels", "Comedy|Crime"],
      ['Say "Cheese"', "(no genres listed)"]
    ];
    const lines = toCsv(["title", "genres"], rows).split("\r\n").slice(1, -1);
    expect(lines.map((line) => splitCsvLine(line))).toEqual(rows.map((fields) => ({fields})));
  });
});
