// @vitest-environment jsdom
import {describe, expect, it} from "vitest";
import {filterControls} from "../../src/components/page/filterControls.js";

const movies = [
  {id: 1, title: "Drama one", genres: ["Drama"], year: 1990, ratings: 10},
  {id: 2, title: "Comedy two", genres: ["Comedy", "Drama"], year: 2005, ratings: 30}
];
const summary = {catalogue: "cat-1", dataset: {name: "Synthetic"}} as never;
const notes = (root: HTMLElement) => [...root.querySelectorAll("p")].map((p) => p.textContent);

describe("filterControls(movies, {summary, search})", () => {
  it("starts the filters from the page's link, and keeps the ranking and popularity it names for the controls", () => {
    const controls = filterControls(movies, {summary, search: "?n=5&terms=matrix&include=Comedy&ranking=predicted"});
    expect(controls.form.value).toMatchObject({n: "5", terms: "matrix", include: ["Comedy"], exclude: []});
    expect(controls.linked).toMatchObject({ranking: "predicted"});
    expect(notes(controls.Notes({notes: []}))).toEqual([]);
  });

  it("says what the link held wrongly, then how the filters were read, then a link made on another dataset", () => {
    const controls = filterControls(movies, {summary, search: "?include=Nonsense&n=abc&data=cat-2"});
    expect(notes(controls.Notes({notes: ["Top N is empty: the top 20 are shown."]}))).toEqual([
      "The link's genres to keep “Nonsense” is not among the choices, so it is left out.",
      "The link's Top N “abc” is not a number, so it is left empty.",
      "Top N is empty: the top 20 are shown.",
      "This link was made on another dataset: its filters are applied here, to Synthetic."
    ]);
  });

  it("keeps the list in the page's link, with the link's ranking and popularity where the page shows none", () => {
    history.replaceState(null, "", "/recommend?popularity=0.5&ranking=best");
    const controls = filterControls(movies, {summary, search: location.search});
    const copy = controls.CopyList(controls.form.value, {ranking: "predicted"});
    const params = new URLSearchParams(location.search);
    expect([params.get("n"), params.get("ranking"), params.get("popularity"), params.get("data")]).toEqual([
      "20",
      "predicted",
      "0.5",
      "cat-1"
    ]);
    expect(copy.textContent).toContain("Copy link to this list");
  });

  it("is a field whose value is the filters read, with its notes under it, both following every keystroke", () => {
    const controls = filterControls(movies, {summary, search: "?n=abc"});
    const {field} = controls;
    expect(field.value.fields).toEqual(controls.form.value);
    expect(field.value.options.n).toBe(20);
    expect(notes(field)).toEqual(["The link's Top N “abc” is not a number, so it is left empty."]);
    const from = [...field.querySelectorAll("label")].find((l) => l.textContent === "From year")!;
    const to = [...field.querySelectorAll("label")].find((l) => l.textContent === "To year")!;
    const type = (label: Element, value: string) => {
      const input = field.querySelector<HTMLInputElement>(`#${label.getAttribute("for")}`)!;
      input.value = value;
      input.dispatchEvent(new Event("input", {bubbles: true}));
    };
    type(from, "2010");
    type(to, "2000");
    expect(field.value.options.years).toEqual([2000, 2010]);
    expect(field.value.fields).toMatchObject({from: "2010", to: "2000"});
    expect(notes(field).at(-1)).toMatch(/^From year 2010 is after To year 2000/);
  });
});
