import {html} from "htl";

/** What a note says about the state it stands in for: a warning, a note, or the empty state of a missing view. */
export type NoteKind = "warning" | "note" | "empty";

/** Options of Note: its kind, and the class names a page (and its browser tests) select it by. */
export interface NoteOptions {
  kind?: NoteKind;
  className?: string;
}

/**
 * A one-paragraph message in place of, or about, a view: `<p class="{className} {kind}">text</p>` (no class attribute
 * when both are missing). The text is set as text, never parsed as HTML. Throws a TypeError for an unknown kind.
 */
export function Note(text: string, {kind, className}: NoteOptions = {}): HTMLParagraphElement {
  if (kind !== undefined && !["warning", "note", "empty"].includes(kind))
    throw new TypeError(`Note: kind must be "warning", "note" or "empty", got ${JSON.stringify(kind)}`);
  const classes = [className, kind].filter(Boolean).join(" ");
  return html`<p class=${classes || null}>${text}</p>` as HTMLParagraphElement;
}
