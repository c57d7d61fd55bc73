// @vitest-environment jsdom
import {describe, expect, it} from "vitest";
import {restoreRowFocus, rowFocus} from "../../src/components/ui/keepRowFocus.js";

const table = (ids: number[]) => {
  const t = document.createElement("table");
  t.className = "recommendations";
  const body = t.createTBody();
  for (const id of ids) {
    const tr = body.insertRow();
    tr.dataset.movieId = String(id);
    const select = tr.insertCell().appendChild(document.createElement("select"));
    select.className = "seen-it";
    const button = tr.insertCell().appendChild(document.createElement("button"));
    button.className = "why";
  }
  return t;
};

describe("rowFocus(root, table) and restoreRowFocus(table, at)", () => {
  it("moves focus to the same control of the row now at the same place, after the table is drawn again", () => {
    const before = document.body.appendChild(table([1, 2, 3]));
    before.querySelectorAll<HTMLSelectElement>("select.seen-it")[1].focus();
    const at = rowFocus(document, "table.recommendations");
    expect(at).toEqual({index: 1, control: "select.seen-it"});
    before.remove();
    // Movie 2 was rated and left the list: focus goes to movie 3's select, now second.
    const after = document.body.appendChild(table([1, 3, 4]));
    restoreRowFocus(after, at);
    expect(document.activeElement).toBe(after.querySelector('tr[data-movie-id="3"] select.seen-it'));
    after.remove();
  });

  it("falls back to the last row when the list got shorter, and knows nothing when focus is elsewhere", () => {
    const t = document.body.appendChild(table([5]));
    restoreRowFocus(t, {index: 4, control: "button.why"});
    expect(document.activeElement).toBe(t.querySelector("button.why"));
    const input = document.body.appendChild(document.createElement("input"));
    input.focus();
    expect(rowFocus(document, "table.recommendations")).toBeNull();
    t.remove();
    input.remove();
  });
});
