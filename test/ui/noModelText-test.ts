import {describe, expect, it} from "vitest";
import {noModelText} from "../../src/components/ui/noModelText.js";

describe("noModelText(problem, {here})", () => {
  it("sends me to the Train page where the browser keeps models", () => {
    expect(noModelText(null, {here: "ignored"})).toBe(
      "No trained model yet: train one on the Train a model page, then come back."
    );
  });

  it("never says to come back where the browser keeps no models, and says what this page can do instead", () => {
    for (const problem of ["blocked", "unavailable"] as const) {
      const text = noModelText(problem, {here: "Train one here instead."});
      expect(text).not.toMatch(/come back/);
      expect(text).toMatch(
        /^No model in this page: this browser keeps no models for this site .* stays in that page\./
      );
      expect(text.endsWith(" Train one here instead.")).toBe(true);
    }
    expect(noModelText("blocked").endsWith("stays in that page.")).toBe(true);
  });
});
