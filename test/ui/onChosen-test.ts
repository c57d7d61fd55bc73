// @vitest-environment jsdom
import {describe, expect, it} from "vitest";
import {onChosen} from "../../src/components/ui/onChosen.js";

function rating(): {select: HTMLSelectElement; commits: string[]} {
  const select = document.body.appendChild(document.createElement("select"));
  select.append(...["", "0.5", "1", "1.5"].map((v) => new Option(v || "Rate…", v)));
  const commits: string[] = [];
  onChosen(select, (value) => commits.push(value));
  return {select, commits};
}

/** A key press in a closed select, as a browser makes it: the key, then for a stepping key the new value and change. */
function press(select: HTMLSelectElement, key: string, value?: string) {
  select.dispatchEvent(new KeyboardEvent("keydown", {key, bubbles: true}));
  if (value !== undefined) {
    select.value = value;
    select.dispatchEvent(new Event("change", {bubbles: true}));
  }
}

describe("onChosen(select, commit)", () => {
  it("commits a choice from the open list (a click or a tap) at once", () => {
    const {select, commits} = rating();
    select.dispatchEvent(new Event("focus"));
    select.value = "1";
    select.dispatchEvent(new Event("change"));
    expect(commits).toEqual(["1"]);
  });

  it("waits for Enter after arrow keys on a closed select, committing only where they stopped", () => {
    const {select, commits} = rating();
    select.dispatchEvent(new Event("focus"));
    press(select, "ArrowDown", "0.5");
    press(select, "ArrowDown", "1");
    press(select, "ArrowDown", "1.5");
    expect(commits).toEqual([]);
    press(select, "Enter");
    expect(commits).toEqual(["1.5"]);
  });

  it("commits stepped keys when focus leaves, and nothing when the value came back to where it was", () => {
    const {select, commits} = rating();
    select.dispatchEvent(new Event("focus"));
    press(select, "End", "1.5");
    select.dispatchEvent(new Event("blur"));
    expect(commits).toEqual(["1.5"]);
    select.dispatchEvent(new Event("focus"));
    press(select, "ArrowUp", "1");
    press(select, "ArrowDown", "1.5");
    select.dispatchEvent(new Event("blur"));
    expect(commits).toEqual(["1.5"]);
  });

  it("starts from a value the page set while the select was not focused", () => {
    const {select, commits} = rating();
    select.value = "1"; // another tab rated the movie
    select.dispatchEvent(new Event("focus"));
    press(select, "ArrowDown", "1.5");
    press(select, "ArrowUp", "1");
    select.dispatchEvent(new Event("blur"));
    expect(commits).toEqual([]);
  });
});
