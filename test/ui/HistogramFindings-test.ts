// @vitest-environment jsdom
import {describe, expect, it} from "vitest";
import {histogramFacts} from "../../src/components/movielens/ratingStats.js";
import {
  HistogramFindings,
  histogramFindings,
  histogramIntro,
  scaleMiddle
} from "../../src/components/ui/HistogramFindings.js";

/** Facts of a histogram given as {stars: count}. */
const facts = (counts: Record<number, number>) =>
  histogramFacts(Object.entries(counts).map(([rating, count]) => ({rating: +rating, count})))!;

// ML-10M-like: half stars, a generous mean (3.5), 4 stars the most common.
const halfStars = facts({0.5: 1, 1: 4, 1.5: 1, 2: 8, 2.5: 4, 3: 24, 3.5: 9, 4: 29, 4.5: 8, 5: 12});
// ML-1M-like: whole stars only.
const wholeStars = facts({1: 6, 2: 11, 3: 26, 4: 35, 5: 22});

describe("histogramFindings(facts, {kind})", () => {
  it("writes a release with half stars: generous, half stars rarer, the scale's middle at 2.75", () => {
    expect(scaleMiddle(halfStars)).toBe(2.75);
    const [mean, half, scale] = histogramFindings(halfStars, {kind: "movielens"});
    expect(mean.headline).toBe("People are generous.");
    expect(mean.text).toBe(
      "The mean rating is 3.48 stars, well above the middle of the scale (2.75), and the most common rating is 4 " +
        "stars (29.0% of all ratings). 14.0% of ratings are 2 stars or fewer: people mostly watch, and rate, movies " +
        "they expected to like."
    );
    expect(half.headline).toBe("Half stars are rarer than whole stars.");
    expect(half.text).toBe(
      "77.0% of ratings are whole stars. MovieLens only offered half stars from 2003, so many older ratings could " +
        "not use them, and even afterwards people round."
    );
    expect(scale.headline).toBe("The scale is not used evenly.");
    expect(scale.text).toMatch(
      /^62\.0% of ratings are between 3 and 4 stars; 1 star is used 3\.0 times less often than 5\./
    );
  });

  it("writes a release of whole stars against its own middle (3), and says there are no half stars", () => {
    expect(scaleMiddle(wholeStars)).toBe(3);
    const [mean, half] = histogramFindings(wholeStars);
    expect(mean.text).toMatch(/^The mean rating is 3\.56 stars, well above the middle of the scale \(3\)/);
    expect(half.headline).toBe("There are no half stars.");
    expect(half.text).toMatch(/^100\.0% of ratings are whole stars\. Every rating here is a whole star: MovieLens /);
  });

  it("says what the synthetic set imitates; finds harsh raters, a mean at the middle, and no 1-star ratings", () => {
    expect(histogramFindings(halfStars, {kind: "synthetic"})[1].text).toMatch(/This synthetic set imitates MovieLens/);
    const harsh = histogramFindings(facts({1: 5, 2: 4, 3: 2, 4: 1, 5: 1}));
    expect(harsh[0].headline).toBe("People are harsh.");
    expect(harsh[0].text).toMatch(/, below the middle of the scale \(3\)/);
    expect(harsh[0].text).not.toMatch(/expected to like/);
    expect(harsh[2].text).toMatch(/; 1 star is used at least as often as 5\./);
    const middle = histogramFindings(facts({2: 1, 3: 2, 4: 1}));
    expect(middle[0].headline).toBe("People rate down the middle.");
    expect(middle[0].text).toMatch(/, at the middle of the scale \(3\)/);
    expect(histogramFindings(facts({3: 1, 4: 2, 5: 1}))[2].text).toMatch(/; 1 star is used never, 5 stars often\./);
    expect(histogramFindings(facts({2: 1, 3: 2, 4: 2}))[0].text).toMatch(/3\.20 stars, above the middle/);
  });
});

describe("histogramIntro(facts, {source})", () => {
  it("names the values the ratings take, who counted them, and how many there are", () => {
    expect(histogramIntro(halfStars, {source: "build"})).toBe(
      "MovieLens ratings take only ten values, so here each half star gets its own bar; the loader counted them " +
        "when the site was built, so this page never reads the 100 ratings themselves."
    );
    expect(histogramIntro(wholeStars, {source: "browser"})).toBe(
      "These ratings take only five values, the whole stars 1 to 5, so here each gets its own bar; they were " +
        "counted when you loaded your files, so this page never reads the 100 ratings themselves."
    );
    expect(histogramIntro(null)).toMatch(/; they are counted once, when the data is loaded, so this page never reads/);
  });
});

describe("HistogramFindings(facts, context)", () => {
  it("shows the findings as a list, each headline in bold", () => {
    const element = HistogramFindings(halfStars);
    expect(element.querySelector("p")!.textContent).toBe("What is worth noticing:");
    const items = [...element.querySelectorAll("ul.histogram-facts > li")];
    expect(items.map((li) => li.querySelector("strong")!.textContent)).toEqual([
      "People are generous.",
      "Half stars are rarer than whole stars.",
      "The scale is not used evenly."
    ]);
    expect(items[0].textContent).toMatch(/^People are generous\. The mean rating is 3\.48 stars/);
  });
});
