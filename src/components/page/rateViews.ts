import * as Inputs from "@observablehq/inputs";
import {downloadBlob} from "../browser/downloadBlob.js";
import type {MyRatingsStore} from "../browser/myRatingsStorage.js";
import type {DatasetSummary, RatedMovie} from "../movielens/datasetArtifacts.js";
import {formatMyRatings, parseMyRatingsFile} from "../movielens/myRatingsFile.js";
import {NoData, hasNoData} from "../ui/NoData.js";
import {Note} from "../ui/Note.js";
import type {WorkbookData} from "../browser/workbookData.js";
import {ratingStars} from "./myRatingsPage.js";
import {FileField} from "./FileField.js";
import {RatingWidget} from "../ui/RatingWidget.js";
import type {RatingWidgetElement} from "../ui/RatingWidget.js";

// The Rate movies page's steps, each from the page's data and my ratings: the rating tool and its save note, the
// import of a my_ratings.dat, and the buttons that export and forget my ratings.

/** The rating tool, and the note under it that says what became of each rating. */
export interface RatingTool {
  /** What the page shows: the widget and its save note. */
  view: HTMLElement;
  widget: RatingWidgetElement;
  saveNote: HTMLParagraphElement;
  /** Says `text` in the save note, as a plain (not warning) message. */
  saved(text: string): void;
}

/**
 * The rating tool on my ratings (`mine`): one movie at a time, each rating applied to my ratings at once and said in
 * the save note, never called saved when the browser would not keep it; its place in the queue kept; ratings given in
 * another tab (or by "I've seen it") shown at once, until the page's cell ends (`invalidation`). The note opens with
 * how many ratings there are and where they come from.
 */
export function ratingTool(
  movies: readonly RatedMovie[],
  mine: MyRatingsStore,
  {stars, seedCount, invalidation}: {stars?: readonly number[]; seedCount: number; invalidation: Promise<unknown>}
): RatingTool {
  const saveNote = Note("", {className: "save-note"});
  const saved = (text: string) => ((saveNote.className = "save-note"), (saveNote.textContent = text));
  const widget = RatingWidget(movies, {
    stars,
    value: mine.read(),
    position: mine.readPosition(),
    onChange: (changes) => {
      try {
        const count = mine.apply(changes).length;
        // A rating the browser would not keep is never called saved: the page's storage note says why, and what to do.
        if (mine.problem()) {
          saveNote.className = "save-note warning";
          saveNote.textContent =
            `Not saved in this browser: ${count} ratings are kept in ` +
            `${mine.problem() === "blocked" ? "this tab only, while it stays open" : "this page only"}.`;
        } else saved(`Saved: ${count} ratings in this browser.`);
      } catch (error) {
        saveNote.className = "save-note error";
        saveNote.textContent = `Could not save your ratings: ${(error as Error).message}`;
      }
    }
  });
  widget.addEventListener("input", () => mine.writePosition(widget.position));
  void invalidation.then(mine.watch((ratings) => (widget.value = ratings)));
  const count = mine.read().length;
  saved(
    mine.problem() === "blocked"
      ? `${count} ratings, kept in this tab only.`
      : mine.isStored()
        ? `${count} ratings saved in this browser.`
        : `Starting from the ${seedCount} ratings in this dataset's my_ratings.dat; ` +
          `your first change saves them in this browser.`
  );
  if (mine.legacy.adopted)
    saved(
      `${saveNote.textContent} ${mine.legacy.count} of them were saved by an earlier version of this workbook, ` +
        `before ratings were kept per dataset.`
    );
  else if (mine.legacy.count)
    saved(
      `${saveNote.textContent} (${mine.legacy.count} ratings saved by an earlier version of this workbook ` +
        `belong to another dataset's movies; they are kept, and appear on that dataset.)`
    );
  const view = document.createElement("div");
  view.className = "rating-tool";
  view.append(widget, saveNote);
  return {view, widget, saveNote, saved};
}

/**
 * The rating tool on the page's data (ratingTool): the stars its histogram calls for (ratingStars), the ratings of the
 * dataset's own my_ratings.dat to start from, and, with no data (a published workbook), a note saying what to do in
 * its place.
 */
export function ratingToolOn(
  data: Pick<WorkbookData, "movies" | "summary" | "histogram">,
  mine: MyRatingsStore,
  {invalidation}: {invalidation: Promise<unknown>}
): RatingTool {
  const {summary} = data;
  const tool = ratingTool(data.movies, mine, {
    stars: ratingStars(data),
    seedCount: summary.myRatings.length,
    invalidation
  });
  return hasNoData(summary) ? {...tool, view: NoData("to rate its movies")} : tool;
}

/**
 * Imports a my_ratings.dat into my ratings, with the build's grammar (one parser for every reader), and says what it
 * changed: movies rated for the first time, ratings it replaced (the file's wins), those already the same, and the
 * ratings of movies this dataset lacks, which are left out, as the build leaves them out. A file with any invalid line
 * is refused whole, in the parser's words; so is an import the store cannot keep, in its words.
 */
export function importMyRatings(
  bytes: Uint8Array,
  file: string,
  movies: readonly Pick<RatedMovie, "id">[],
  mine: Pick<MyRatingsStore, "read" | "apply">
): {text: string; error: boolean} {
  try {
    const parsed = parseMyRatingsFile(bytes, {file});
    const known = new Set(movies.map((m) => m.id));
    const imported = parsed.filter((r) => known.has(r.movieId));
    const unknown = parsed.filter((r) => !known.has(r.movieId)).map((r) => r.movieId);
    const before = new Map(mine.read().map((r) => [r.movieId, r.rating]));
    const added = imported.filter((r) => !before.has(r.movieId)).length;
    const replaced = imported.filter((r) => before.has(r.movieId) && before.get(r.movieId) !== r.rating).length;
    if (imported.length) mine.apply(imported);
    if (parsed.length === 0) return {text: `${file} holds no ratings, so nothing was imported.`, error: false};
    const effect = imported.length
      ? ` ${added} new, ${replaced} replaced${replaced ? " (the file's rating wins)" : ""}, ` +
        `${imported.length - added - replaced} already the same.`
      : "";
    const skipped = unknown.length
      ? ` Left out ${unknown.length} rating${unknown.length === 1 ? "" : "s"} of movies this dataset lacks ` +
        `(id ${unknown.slice(0, 10).join(", ")}${unknown.length > 10 ? ", …" : ""}): ` +
        `the file may have been made on another dataset.`
      : "";
    const text = `Imported ${imported.length} of the ${parsed.length} ratings in ${file}:${effect}${skipped}`;
    return {text, error: false};
  } catch (error) {
    // The parser's refusal (every invalid line, by number), or a store that cannot keep them.
    return {text: (error as Error).message, error: true};
  }
}

/** What an import said, as the page shows it (preformatted, for the parser's line-by-line errors). */
export function ImportNote({text, error}: {text: string; error: boolean}): HTMLPreElement {
  const note = document.createElement("pre");
  note.className = error ? "import-note error" : "import-note";
  note.textContent = text;
  return note;
}

/**
 * "Import my_ratings.dat": a file field that imports the file it is given into my ratings (importMyRatings) and says,
 * under the field, what the import changed or why it was refused; each file chosen replaces the last one's note.
 */
export function ImportForm(
  movies: readonly Pick<RatedMovie, "id">[],
  mine: Pick<MyRatingsStore, "read" | "apply">
): HTMLElement {
  return FileField({label: "Import my_ratings.dat", accept: ".dat,text/plain", className: "import-form"}, (file) =>
    // A file that cannot be read (moved or deleted since it was chosen) is said, as a refused import is.
    file.arrayBuffer().then(
      (buffer) => ImportNote(importMyRatings(new Uint8Array(buffer), file.name, movies, mine)),
      (error: Error) => ImportNote({text: `Could not read ${file.name}: ${error.message}`, error: true})
    )
  );
}

/** "Export my_ratings.dat": my ratings now (`ratings()`), in exactly the original's format. */
export function ExportButton(
  ratings: () => Parameters<typeof formatMyRatings>[0],
  download: typeof downloadBlob = downloadBlob
): HTMLElement {
  return Inputs.button("Export my_ratings.dat", {
    reduce: () => download([formatMyRatings(ratings())], "my_ratings.dat", "text/plain")
  });
}

/**
 * "Forget my ratings in this browser": after a confirmation that says how many go and what applies again (the
 * dataset's own my_ratings.dat), forgets them on this dataset only, and says so in the save note; where I have not
 * rated on this dataset in this browser, says there is nothing to forget, asking nothing.
 */
export function ForgetButton(
  mine: Pick<MyRatingsStore, "read" | "forget" | "isStored">,
  {
    summary,
    saved,
    confirm = (message: string) => globalThis.confirm(message)
  }: {summary: Pick<DatasetSummary, "myRatings">; saved: (text: string) => void; confirm?: (message: string) => boolean}
): HTMLElement {
  const seed = summary.myRatings.length;
  return Inputs.button("Forget my ratings in this browser", {
    reduce: () => {
      // Nothing of mine is kept here yet: the ratings shown are the dataset's own, which forgetting would bring back.
      if (!mine.isStored())
        return saved(
          `Nothing to forget: the ${seed} ratings shown are this dataset's own my_ratings.dat; ` +
            `you have not rated on this dataset in this browser.`
        );
      const question =
        `Delete the ${mine.read().length} ratings you gave on this dataset in this browser? ` +
        `This dataset's own my_ratings.dat (${seed} ratings) will apply again; ` +
        `ratings you gave on other datasets are kept.`;
      if (!confirm(question)) return;
      mine.forget();
      saved(`Forgotten: the ${seed} ratings of this dataset's my_ratings.dat apply again.`);
    }
  });
}
