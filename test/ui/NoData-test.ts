// @vitest-environment jsdom
import {describe, expect, it} from "vitest";
import {NoData, hasNoData} from "../../src/components/ui/NoData.js";

describe("NoData(purpose)", () => {
  it("is a calm line that points at loading MovieLens, for the given purpose", () => {
    expect(NoData("to see how people rate").outerHTML).toBe(
      '<p class="no-data">Load MovieLens from your computer, above, to see how people rate.</p>'
    );
  });

  it("sets the purpose as text, never as HTML", () => {
    const p = NoData("<em>to train</em>");
    expect(p.querySelector("em")).toBeNull();
    expect(p.textContent).toBe("Load MovieLens from your computer, above, <em>to train</em>.");
  });
});

describe("hasNoData(summary)", () => {
  it("is true only when there are no ratings", () => {
    expect(hasNoData({counts: {ratings: 0}})).toBe(true);
    expect(hasNoData({counts: {ratings: 1}})).toBe(false);
    expect(hasNoData({counts: {ratings: 10_000_054}})).toBe(false);
  });
});
