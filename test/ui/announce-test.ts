// @vitest-environment jsdom
import {describe, expect, it} from "vitest";
import {ANNOUNCER_ID, announce} from "../../src/components/ui/announce.js";

describe("announce(text)", () => {
  it("says each text in the page's one polite live region, made once and kept", () => {
    announce("Rated Heat 4 stars.");
    const region = document.getElementById(ANNOUNCER_ID)!;
    expect(region.getAttribute("role")).toBe("status");
    expect(region.getAttribute("aria-live")).toBe("polite");
    expect(region.textContent).toBe("Rated Heat 4 stars.");
    announce("Skipped Heat.");
    expect(document.querySelectorAll(`#${ANNOUNCER_ID}`)).toHaveLength(1);
    expect(document.getElementById(ANNOUNCER_ID)).toBe(region);
    expect(region.textContent).toBe("Skipped Heat.");
  });
});
