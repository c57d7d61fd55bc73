// @vitest-environment jsdom
import {describe, expect, it} from "vitest";
import {DatasetBanner} from "../../src/components/ui/DatasetBanner.js";

describe("DatasetBanner(dataset)", () => {
  it("renders a synthetic dataset as a tip, its code spans as <code>", () => {
    const banner = DatasetBanner({
      kind: "synthetic",
      name: "Synthetic",
      banner: "Synthetic data: run `npm run data:fetch` for MovieLens."
    });
    expect(banner.outerHTML).toBe(
      '<div class="dataset-banner tip" role="status" data-kind="synthetic">Synthetic data: ' +
        "run <code>npm run data:fetch</code> for MovieLens.</div>"
    );
  });

  it("renders MovieLens, and a published workbook without data, as a note", () => {
    expect(DatasetBanner({kind: "movielens", name: "MovieLens 10M", banner: "MovieLens 10M."}).outerHTML).toBe(
      '<div class="dataset-banner note" role="status" data-kind="movielens">MovieLens 10M.</div>'
    );
    const none = DatasetBanner({kind: "none", name: "", banner: "No data in this published workbook."});
    expect(none.className).toBe("dataset-banner note");
    expect(none.dataset.kind).toBe("none");
  });

  it("renders several code spans, one at the start, and no empty text nodes", () => {
    const banner = DatasetBanner({kind: "synthetic", name: "", banner: "`a` then `b`"});
    expect([...banner.childNodes].map((n) => [n.nodeName, n.textContent])).toEqual([
      ["CODE", "a"],
      ["#text", " then "],
      ["CODE", "b"]
    ]);
  });

  it("renders a Markdown link to an https page as a link, and any other as text", () => {
    const banner = DatasetBanner({
      kind: "synthetic",
      name: "",
      banner: "Get it from [GroupLens](https://grouplens.org/datasets/movielens/), not [x](javascript:alert(1))."
    });
    expect([...banner.querySelectorAll("a")].map((a) => [a.textContent, a.getAttribute("href")])).toEqual([
      ["GroupLens", "https://grouplens.org/datasets/movielens/"]
    ]);
    expect(banner.textContent).toBe("Get it from GroupLens, not [x](javascript:alert(1)).");
  });

  it("keeps a lone or unmatched backtick as text, and sets HTML in the banner as text", () => {
    const banner = DatasetBanner({kind: "none", name: "", banner: "a ` b <i>c</i>"});
    expect(banner.querySelector("code, i")).toBeNull();
    expect(banner.textContent).toBe("a ` b <i>c</i>");
  });

  it("renders an empty code span (two backticks) as an empty <code>", () => {
    expect(DatasetBanner({kind: "none", name: "", banner: "x `` y"}).innerHTML).toBe("x <code></code> y");
  });
});
