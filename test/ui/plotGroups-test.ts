// @vitest-environment jsdom
import {describe, expect, it} from "vitest";
import {plotGroups} from "../../src/components/ui/plotGroups.js";

describe("plotGroups(chart)", () => {
  it("gives Plot's labelled groups the role group, and leaves other elements and set roles alone", () => {
    const chart = document.createElement("figure");
    chart.innerHTML =
      '<svg><g aria-label="rule"></g><g aria-label="tip" role="img"></g><g></g><text aria-label="x"></text></svg>';
    expect(plotGroups(chart)).toBe(chart);
    expect([...chart.querySelectorAll("g, text")].map((e) => e.getAttribute("role"))).toEqual([
      "group",
      "img",
      null,
      null
    ]);
  });
});
