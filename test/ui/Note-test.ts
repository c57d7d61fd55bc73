// @vitest-environment jsdom
import {describe, expect, it} from "vitest";
import {Note} from "../../src/components/ui/Note.js";

describe("Note(text, {kind, className})", () => {
  it("is a paragraph with the class names the pages select by, its kind last", () => {
    expect(Note("No run is ticked.", {className: "choose-two", kind: "note"}).outerHTML).toBe(
      '<p class="choose-two note">No run is ticked.</p>'
    );
    expect(Note("Trained on another dataset.", {className: "other-dataset", kind: "warning"}).className).toBe(
      "other-dataset warning"
    );
    expect(Note("Nothing yet.", {className: "factor-map", kind: "empty"}).className).toBe("factor-map empty");
    expect(Note("No model yet.", {className: "no-model"}).outerHTML).toBe('<p class="no-model">No model yet.</p>');
  });

  it("has no class attribute without a class or a kind, and may be empty (a line filled in later)", () => {
    expect(Note("All lines were kept.").outerHTML).toBe("<p>All lines were kept.</p>");
    expect(Note("", {className: "input-error"}).outerHTML).toBe('<p class="input-error"></p>');
  });

  it("sets its text as text, never as HTML", () => {
    const note = Note("<b>5 stars</b> & more", {kind: "note"});
    expect(note.textContent).toBe("<b>5 stars</b> & more");
    expect(note.children.length).toBe(0);
  });

  it("throws a TypeError for an unknown kind", () => {
    expect(() => Note("x", {kind: "error" as never})).toThrow(TypeError);
  });
});
