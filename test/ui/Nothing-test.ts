// @vitest-environment jsdom
import {describe, expect, it} from "vitest";
import {Nothing} from "../../src/components/ui/Nothing.js";

describe("Nothing()", () => {
  it("is an empty element, a new one each time, that shows no text", () => {
    const a = Nothing();
    expect(a.outerHTML).toBe('<div class="nothing"></div>');
    expect(a.textContent).toBe("");
    expect(Nothing()).not.toBe(a);
  });
});
