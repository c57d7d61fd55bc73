// @vitest-environment jsdom
import {describe, expect, it} from "vitest";
import {IalsBreakdown, ialsReason} from "../../src/components/ui/IalsBreakdown.js";

const titles = ["Zero", "Alien", "<b>Heat</b>", "Brazil", "Cube"];
const titleOf = (movie: number) => titles[movie];
const c = (movie: number, rating: number, similarity: number, residual: number) => ({
  movie,
  rating,
  liked: rating >= 3.5,
  residual,
  similarity,
  amount: residual * similarity
});
const explained = {
  movie: 9,
  score: 0.625,
  contributions: [c(1, 5, 0.75, 0.5), c(2, 1.5, 0.25, -0.5), c(3, 4, 0.5, 0.5), c(4, 2, -0.25, -0.5), c(0, 4.5, 0, 0.5)]
};

describe("ialsReason(contribution)", () => {
  it("says my stars, whether I liked it, and whether its raters rate this movie too", () => {
    expect(ialsReason(c(1, 5, 0.75, 0.5))).toBe("I rated it 5★, and people who rated it tend to rate this movie too");
    expect(ialsReason(c(2, 1.5, 0.25, -0.5))).toBe(
      "I rated it 1.5★ (not a movie I liked), and people who rated it tend to rate this movie too"
    );
    expect(ialsReason(c(4, 2, -0.25, -0.5))).toMatch(/tend not to rate this movie$/);
  });
});

describe("IalsBreakdown(explained, {titleOf, n})", () => {
  it("shows the score and the ratings that raised and lowered it most, each with its reason", () => {
    const view = IalsBreakdown(explained, {titleOf, n: 2});
    const visible = (e: Element | null) => e!.textContent!.replace(/\s+/g, " ").trim();
    const texts = (selector: string) => [...view.querySelectorAll(selector)].map(visible);
    expect(texts(".parts dd")).toEqual(["+0.625"]);
    expect(texts(".pushed-up li")).toEqual([
      "Alien: I rated it 5★, and people who rated it tend to rate this movie too · +0.375",
      "Brazil: I rated it 4★, and people who rated it tend to rate this movie too · +0.250"
    ]);
    expect(texts(".pushed-down li")).toEqual([
      "<b>Heat</b>: I rated it 1.5★ (not a movie I liked), and people who rated it tend to rate this movie too · −0.125"
    ]);
    expect(view.querySelector("b")).toBeNull();
    // Cube (+0.125) and Zero (0) are not shown: the line says what they add.
    expect(visible(view.querySelector("p.rest"))).toBe(
      "My other 2 ratings add +0.125, so the shares add up to the score."
    );
  });

  it("carries the full values: the shares shown and the rest add up to the score", () => {
    const view = IalsBreakdown(explained, {titleOf});
    const shares = [...view.querySelectorAll<HTMLElement>("li, p.rest")].map((e) => +e.dataset.value!);
    expect(shares.reduce((a, b) => a + b, 0)).toBe(0.625);
    expect(+view.querySelector<HTMLElement>('[data-part="score"]')!.dataset.value!).toBe(0.625);
  });

  it("says when none lowered it, and when every share is shown", () => {
    const view = IalsBreakdown({...explained, contributions: [c(1, 5, 0.75, 0.5)]}, {titleOf});
    expect(view.querySelector(".pushed-down .none")!.textContent).toBe("None of my ratings lowered it.");
    expect(view.querySelector("p.rest")!.textContent).toBe("These shares add up to the score.");
  });
});
