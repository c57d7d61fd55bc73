// @vitest-environment jsdom
import {describe, expect, it} from "vitest";
import {IalsBreakdown} from "../../src/components/ui/IalsBreakdown.js";

const titles = ["Zero", "Alien", "<b>Heat</b>", "Brazil", "Cube"];
const titleOf = (movie: number) => titles[movie];
const explained = {
  movie: 9,
  score: 0.5,
  contributions: [
    {movie: 1, amount: 0.375},
    {movie: 2, amount: -0.125},
    {movie: 3, amount: 0.25},
    {movie: 4, amount: 0}
  ]
};

describe("IalsBreakdown(explained, {titleOf, n})", () => {
  it("shows the score and the rated movies that raised and lowered it, with reasons whose sign makes sense", () => {
    const view = IalsBreakdown(explained, {titleOf});
    const visible = (e: Element | null) => e!.textContent!.replace(/\s+/g, " ").trim();
    const texts = (selector: string) => [...view.querySelectorAll(selector)].map(visible);
    expect(texts(".parts dd")).toEqual(["+0.500"]);
    expect(texts(".pushed-up li")).toEqual([
      "Alien: I rated it, and people who rated it tend to rate this movie too · +0.375",
      "Brazil: I rated it, and people who rated it tend to rate this movie too · +0.250"
    ]);
    expect(texts(".pushed-down li")).toEqual([
      "<b>Heat</b>: I rated it, and people who rated it tend not to rate this movie · −0.125"
    ]);
    expect(view.querySelector("b")).toBeNull();
    expect(visible(view.querySelector("p.rest"))).toBe("My 4 ratings account for all of the score, one share each.");
  });

  it("carries the full values, which add up to the score", () => {
    const view = IalsBreakdown(explained, {titleOf, n: 10});
    const shares = [...view.querySelectorAll<HTMLElement>("li")].map((li) => +li.dataset.value!);
    expect(shares.reduce((a, b) => a + b, 0)).toBe(
      +view.querySelector<HTMLElement>('[data-part="score"]')!.dataset.value!
    );
  });

  it("keeps at most n of each and says when none lowered it", () => {
    const view = IalsBreakdown(
      {...explained, contributions: explained.contributions.filter((c) => c.amount >= 0)},
      {
        titleOf,
        n: 1
      }
    );
    expect(view.querySelectorAll(".pushed-up li").length).toBe(1);
    expect(view.querySelector(".pushed-down .none")!.textContent).toBe("None of my ratings lowered it.");
  });
});
