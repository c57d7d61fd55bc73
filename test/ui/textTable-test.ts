// @vitest-environment jsdom
import {describe, expect, it} from "vitest";
import {emptyRow, textRow, textTable} from "../../src/components/ui/textTable.js";

describe("textTable(className, headers)", () => {
  it("makes a table with one header row of the labels and an empty body", () => {
    const {table, body} = textTable("scores", ["Name", "Score"]);
    expect(table.outerHTML).toBe(
      '<table class="scores"><thead><tr><th>Name</th><th>Score</th></tr></thead><tbody></tbody></table>'
    );
    expect(body).toBe(table.tBodies[0]);
    expect(body.rows).toHaveLength(0);
  });

  it("sets labels as text, never as HTML", () => {
    const {table} = textTable("t", ["<b>bold</b>"]);
    expect(table.querySelector("b")).toBeNull();
    expect(table.tHead!.rows[0].cells[0].textContent).toBe("<b>bold</b>");
  });

  it("has a header row even with no labels", () => {
    const {table} = textTable("t", []);
    expect(table.tHead!.rows).toHaveLength(1);
    expect(table.tHead!.rows[0].cells).toHaveLength(0);
  });
});

describe("textRow(body, cells)", () => {
  it("appends a row of text cells and returns it", () => {
    const {body} = textTable("t", ["a", "b"]);
    const first = textRow(body, ["1", "2"]);
    const second = textRow(body, ["3"]);
    expect([...body.rows]).toEqual([first, second]);
    expect([...first.cells].map((c) => c.textContent)).toEqual(["1", "2"]);
    expect(second.outerHTML).toBe("<tr><td>3</td></tr>");
  });

  it("sets titles as text: markup in the data stays visible, never parsed", () => {
    const {body} = textTable("t", ["Title"]);
    const tr = textRow(body, ['<img src=x onerror="alert(1)">Amélie & co']);
    expect(tr.querySelector("img")).toBeNull();
    expect(tr.cells[0].textContent).toBe('<img src=x onerror="alert(1)">Amélie & co');
    expect(tr.innerHTML).toBe('<td>&lt;img src=x onerror="alert(1)"&gt;Amélie &amp; co</td>');
  });
});

describe("emptyRow(body, columns, text)", () => {
  it("adds one cell spanning the columns, classed empty, holding the text as text", () => {
    const {body} = textTable("scores", ["Name", "Score"]);
    const cell = emptyRow(body, 2, "No <b>score</b> yet.");
    expect(body.rows).toHaveLength(1);
    expect(cell.colSpan).toBe(2);
    expect(cell.className).toBe("empty");
    expect(cell.textContent).toBe("No <b>score</b> yet.");
  });
});
