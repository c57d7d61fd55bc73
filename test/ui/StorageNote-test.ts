// @vitest-environment jsdom
import {describe, expect, it} from "vitest";
import {StorageNote} from "../../src/components/ui/StorageNote.js";

describe("StorageNote({ratings, models})", () => {
  it("is an empty element when everything is kept", () => {
    const note = StorageNote({});
    expect(note.textContent).toBe("");
    expect(note.className).toBe("storage-note none");
  });

  it("says what is not kept, why, and what to do, in one note", () => {
    expect(StorageNote({ratings: "blocked", models: "blocked"}).textContent).toBe(
      "My ratings are kept in this tab only, while it stays open; runs, models and checkpoints are kept in this page " +
        "only, until you leave it: this browser blocks this site's storage (a setting such as “Block all cookies” " +
        "does this). To keep them, allow site data for this site and reload, or export my_ratings.dat (Rate movies) " +
        "and download a model's checkpoint on the page that trained it before leaving."
    );
    expect(StorageNote({ratings: "full"}).textContent).toBe(
      "My latest ratings are kept in this page only, until you leave it: this browser's storage for this site is " +
        "full. To keep them, free some space or allow site data for this site and reload, or export my_ratings.dat " +
        "(Rate movies) before leaving."
    );
    expect(StorageNote({models: "unavailable"}).textContent).toMatch(
      /^Runs, models and checkpoints are kept in this page only, .*a private window does this\)\. .*download a model's/
    );
  });

  it("never doubles a full stop, and shows no raw browser error", () => {
    for (const ratings of ["blocked", "full", "unavailable", null] as const)
      for (const models of ["blocked", "unavailable", null] as const) {
        const text = StorageNote({ratings, models}).textContent!;
        expect(text).not.toMatch(/\.\.|Error|DOMException/);
      }
  });
});
