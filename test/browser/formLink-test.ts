import {describe, expect, it} from "vitest";
import {keepInLink, readFormLink, unheldNumbers, writeFormLink} from "../../src/components/browser/formLink.js";
import type {LinkField} from "../../src/components/browser/formLink.js";
import {TRAIN_LINK} from "../../src/components/browser/trainLink.js";

const FIELDS: Record<string, LinkField> = {
  n: {kind: "text"},
  bs: {kind: "choice", label: "batch size", choices: [64, 256]},
  genres: {kind: "choices", label: "genres", choices: ["Comedy", "Drama"]}
};

describe("readFormLink(params, fields) and writeFormLink(params, fields, value)", () => {
  it("round-trips a page's inputs, and leaves out the fields a link does not name", () => {
    const value = {n: "20", bs: 256, genres: ["Comedy", "Drama"]};
    const params = writeFormLink(new URLSearchParams("other=1"), FIELDS, value);
    expect(params.toString()).toBe("other=1&n=20&bs=256&genres=Comedy&genres=Drama");
    expect(readFormLink(params, FIELDS)).toEqual({values: value, refused: {}});
    expect(readFormLink(new URLSearchParams("bs=64"), FIELDS)).toEqual({values: {bs: 64}, refused: {}});
  });

  it("passes text on as typed, for the page to check, and refuses an option that is not one, in words", () => {
    const {values, refused} = readFormLink(
      new URLSearchParams("n=<b>2.7</b>&bs=300&genres=Drama&genres=<script>"),
      FIELDS
    );
    expect(values).toEqual({n: "<b>2.7</b>", genres: ["Drama"]});
    expect(refused).toEqual({
      bs: "The link's batch size “300” is not one of 64, 256, so this page's own is shown.",
      genres: "The link's genres “<script>” is not among the choices, so it is left out."
    });
    expect(readFormLink(new URLSearchParams(`n=${"9".repeat(2001)}`), FIELDS).refused.n).toBe(
      "The link's n is 2,001 characters long: at most 200 are read."
    );
    const named = {factors: {kind: "text", label: "n_factors"} as const};
    expect(readFormLink(new URLSearchParams(`factors=${"9".repeat(201)}`), named).refused.factors).toMatch(
      /^The link's n_factors is 201 characters long/
    );
    expect(readFormLink(new URLSearchParams("bs=64&bs=256"), FIELDS).refused.bs).toMatch(/^The link's batch size/);
    const runs = {runs: {kind: "choices", label: "run", choices: [1, 2], absent: "not kept in this browser"} as const};
    expect(readFormLink(new URLSearchParams("runs=2&runs=7&runs=8"), runs)).toEqual({
      values: {runs: [2]},
      refused: {runs: "The link's run “7”, “8” are not kept in this browser, so they are left out."}
    });
  });

  it("keeps the Train page's settings: typed fields as typed, choices as printed, and the dataset", () => {
    const value = {
      factors: "50",
      bs: 1024,
      epochs: "3",
      lrMax: 0.005,
      wd: 0.1,
      backend: "wasm",
      seed: "42",
      split: "time",
      data: "abc123"
    };
    const params = writeFormLink(new URLSearchParams(), TRAIN_LINK, value);
    expect(readFormLink(params, TRAIN_LINK)).toEqual({values: value, refused: {}});
  });
});

describe("keepInLink(fields, value, page)", () => {
  it("rewrites the page's query in place, keeping its path, other parameters and hash", () => {
    const calls: string[] = [];
    const page = {
      location: {search: "?keep=1&n=1", pathname: "/app/train.html", hash: "#top"},
      history: {state: null, replaceState: (_s: unknown, _t: string, url: string) => void calls.push(url)}
    } as unknown as Window;
    keepInLink(FIELDS, {n: "2", bs: 64, genres: []}, page);
    expect(calls).toEqual(["/app/train.html?keep=1&n=2&bs=64#top"]);
  });
});

describe("unheldNumbers(fields, numbers, linked, shown)", () => {
  const fields: Record<string, LinkField> = {n: {kind: "text", label: "Top N"}, seed: {kind: "text"}};

  it("refuses, in words, each number the form could not hold (a number input empties text), and only those", () => {
    expect(unheldNumbers(fields, ["n", "seed"], {n: "abc", seed: "7"}, {n: "", seed: "7"})).toEqual({
      n: "The link's Top N “abc” is not a number, so it is left empty."
    });
    expect(unheldNumbers(fields, ["n", "seed"], {seed: "x".repeat(50)}, {n: "20", seed: ""})).toEqual({
      seed: `The link's seed “${"x".repeat(40)}…” is not a number, so it is left empty.`
    });
    // A field the link does not name, or one not among the numbers, is not refused.
    expect(unheldNumbers(fields, ["n"], {seed: "abc"}, {n: "20", seed: ""})).toEqual({});
  });
});
