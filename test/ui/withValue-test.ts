// @vitest-environment jsdom
import {describe, expect, it} from "vitest";
import {ControlWithNote, withValue} from "../../src/components/ui/withValue.js";

describe("withValue(element, read) and ControlWithNote(control, note, otherwise)", () => {
  it("reads the value afresh each time it is asked", () => {
    let n = 1;
    const element = withValue(document.createElement("div"), () => n * 10);
    expect(element.value).toBe(10);
    n = 2;
    expect(element.value).toBe(20);
  });

  it("holds the control and its note, reading as the control, or as `otherwise` without one", () => {
    const input = Object.assign(document.createElement("input"), {value: "best"});
    const note = document.createElement("p");
    const field = ControlWithNote<string>(input, note, "predicted");
    expect([...field.children]).toEqual([input, note]);
    expect(field.value).toBe("best");
    input.value = "predicted";
    expect(field.value).toBe("predicted");
    const alone = ControlWithNote<string | null>(null, note, null);
    expect([...alone.children]).toEqual([note]);
    expect(alone.value).toBeNull();
  });
});
