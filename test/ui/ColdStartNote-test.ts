// @vitest-environment jsdom
import {describe, expect, it} from "vitest";
import {ColdStartNote} from "../../src/components/ui/ColdStartNote.js";

const words = (node: Node) => node.textContent!.replace(/\s+/g, " ").trim();

describe("ColdStartNote(rated, {fewest, rateHref})", () => {
  it("says the list is not mine yet, how many I rated against how many it takes, and what the list is", () => {
    const note = ColdStartNote(3, {fewest: 5});
    expect(note.className).toBe("cold-start note");
    expect(words(note)).toBe(
      "Not my list yet. I have rated 3 movies, and a list becomes mine from 5 ratings. Until then these are the " +
        "most popular movies, the most rated first: on so few ratings a model knows little of my taste, and the " +
        "most popular list is the better guess. " +
        "Rate movies to make it mine."
    );
    expect(words(ColdStartNote(0, {fewest: 5}))).toMatch(/^Not my list yet\. I have not rated any movie yet, and/);
    expect(words(ColdStartNote(1, {fewest: 5}))).toMatch(/I have rated 1 movie, and/);
  });

  it("links the Rate movies page", () => {
    const link = ColdStartNote(0, {fewest: 5}).querySelector("a")!;
    expect([link.textContent, link.getAttribute("href")]).toEqual(["Rate movies", "./rate.html"]);
    expect(ColdStartNote(0, {fewest: 5, rateHref: "./rate.html"}).querySelector("a")!.getAttribute("href")).toBe(
      "./rate.html"
    );
  });
});
