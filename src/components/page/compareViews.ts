import * as Inputs from "@observablehq/inputs";
import {html} from "htl";
import {compareLink} from "../browser/compareLink.js";
import {downloadBlob} from "../browser/downloadBlob.js";
import {keepInLink, readFormLink, unheldNumbers} from "../browser/formLink.js";
import {readRunCards} from "../browser/readRunCards.js";
import type {ImportedRun} from "../browser/readRunCards.js";
import {runHistoryCsv, runHistoryJson} from "../browser/runHistoryExport.js";
import {trainAgainHref} from "../browser/trainLink.js";
import type {StorageProblem} from "../browser/pageStorage.js";
import type {RunRecord} from "../browser/workbookStore.js";
import type {DatasetSummary, RatedMovie} from "../movielens/datasetArtifacts.js";
import type {MyRating} from "../movielens/myRatingsFile.js";
import {recommend} from "../model/recommend.js";
import {readTopN} from "../model/recommendFilters.js";
import {CompareRuns} from "../ui/CompareRuns.js";
import {CopyLink} from "../ui/CopyLink.js";
import {hasNoData} from "../ui/NoData.js";
import {Note} from "../ui/Note.js";
import {Nothing} from "../ui/Nothing.js";
import {withValue} from "../ui/withValue.js";
import {RunHistory} from "../ui/RunHistory.js";
import {FileField} from "./FileField.js";
import {noModelText} from "../ui/noModelText.js";

// The Compare models page's views, each from the page's data: the run history's downloads, the runs to compare, run
// cards brought in from a file, and the comparison itself.

/** A run kept with my predictions, as Compare lists it. */
export type ComparableRun = RunRecord & {id: number; myPredictions: Float32Array};

/** A run's short name: "Run #3", marked when it diverged (no better than predicting the mean rating). */
export function runName(run: Pick<RunRecord, "id" | "diverged">): string {
  return `Run #${run.id}${run.diverged ? " (diverged)" : ""}`;
}

/** A run's label where runs are chosen: its settings, its last valid loss and its NDCG@10 (with popularity blended). */
export function runLabel(run: RunRecord): string {
  const {hyper, history, ranking} = run;
  const epochs = history.length;
  return (
    `#${run.id}${run.diverged ? " (diverged)" : ""}: ${hyper.factors} factors, bs ${hyper.bs}, ` +
    `${epochs} ${epochs === 1 ? "epoch" : "epochs"}, lr ${hyper.lrMax}, wd ${hyper.wd} · ` +
    `valid ${history.at(-1)?.validLoss.toFixed(4) ?? "–"}` +
    `${ranking ? ` · NDCG@10 ${ranking.blended.ndcg.toFixed(3)}` : ""}`
  );
}

/**
 * The runs Compare can lay side by side, newest first: those kept with my predictions for every movie of this
 * dataset (a run of another catalogue, or kept before predictions were, cannot be listed against these movies).
 */
export function comparableRuns(runs: readonly RunRecord[], movies: number): ComparableRun[] {
  return runs.filter((r): r is ComparableRun => r.myPredictions?.length === movies && r.id !== undefined).reverse();
}

/**
 * The runs ticked when the page opens: those the page's link names, else the two newest that did not diverge.
 */
export function firstChosen<R extends RunRecord>(runs: readonly R[], linked: readonly number[] | undefined): R[] {
  return linked ? runs.filter((r) => linked.includes(r.id!)) : runs.filter((r) => !r.diverged).slice(0, 2);
}

/** The Compare page's controls, from its link (compareControls). */
export interface CompareControls {
  /** What the link held wrongly, a link made on another dataset, and why there is nothing to compare yet. */
  notes: HTMLElement;
  /** The runs to compare, a checkbox each; null with fewer than two runs. */
  runs: (HTMLElement & {value: unknown[]}) | null;
  /** Top N, as typed ("" when cleared): readTopN reads every state, and says how. */
  topN: HTMLElement & {value: string};
  /** Keeps the comparison (`chosen`, `topN`) in the page's link, and offers to copy it while runs are chosen. */
  CopyComparison(chosen: readonly {id: number}[], topN: string): HTMLElement;
}

/**
 * The Compare page's controls over the kept `runs`, starting from the page's link (`search`) where it names runs kept
 * here and a Top N, else the two newest runs and 20; what the link held wrongly is said in words.
 */
export function compareControls(
  runs: readonly ComparableRun[],
  {
    summary,
    problem,
    search = globalThis.location?.search ?? ""
  }: {
    summary: Pick<DatasetSummary, "catalogue" | "dataset" | "counts">;
    problem: StorageProblem | null;
    search?: string;
  }
): CompareControls {
  const LINK = compareLink(runs);
  const {values, refused} = readFormLink(new URLSearchParams(search), LINK);
  // A number field keeps what was typed; a link's Top N goes in as typed, and text the field cannot hold is refused.
  const topN = Inputs.text({
    label: "Top N",
    type: "number",
    value: (values.n as string | undefined) ?? "20",
    placeholder: "20",
    min: 1,
    max: 100,
    step: 1,
    validate: () => true
  });
  Object.assign(refused, unheldNumbers(LINK, ["n"], values, {n: topN.value}));
  const notes = html`<div class="compare-notes">
    ${Object.values(refused).map((text) => Note(text, {className: "link-note", kind: "note"}))}
    ${
      values.data !== undefined && values.data !== summary.catalogue
        ? Note(`This link was made on another dataset: its runs are looked for among ${summary.dataset.name}'s.`)
        : null
    }
    ${
      runs.length < 2
        ? Note(fewRunsText(runs.length, {noData: hasNoData(summary), problem}), {className: "no-runs"})
        : null
    }
  </div>`;
  const picker =
    runs.length >= 2
      ? Inputs.checkbox(runs, {
          label: "Runs to compare",
          format: runLabel,
          value: firstChosen(runs, values.runs as number[] | undefined)
        })
      : null;
  return {
    notes,
    runs: picker,
    topN,
    CopyComparison(chosen, n) {
      keepInLink(LINK, {runs: chosen.map((r) => r.id), n, data: summary.catalogue});
      return chosen.length ? CopyLink({label: "Copy link to this comparison", what: "these runs compared"}) : Nothing();
    }
  };
}

/** What CompareForm holds: the runs ticked, Top N as typed, and Top N read (readTopN: `n`, and `note` when it was read
 * otherwise than typed). */
export interface Compared {
  chosen: ComparableRun[];
  topN: string;
  n: number;
  note: string | null;
}

/**
 * Compare's form, from compareControls: its notes, the runs to tick and Top N, with "Copy link to this comparison"
 * under them while runs are ticked; the comparison is kept in the page's link as it changes. Its value (Compared)
 * changes with every tick and keystroke, as an input's does.
 */
export function CompareForm(
  runs: readonly ComparableRun[],
  options: Parameters<typeof compareControls>[1]
): HTMLElement & {value: Compared} {
  const controls = compareControls(runs, options);
  const copy = document.createElement("div");
  const read = (): Compared => {
    const chosen = (controls.runs?.value ?? []) as ComparableRun[];
    const topN = controls.topN.value;
    return {chosen, topN, ...readTopN(topN, {max: 100})};
  };
  const keep = () => {
    const {chosen, topN} = read();
    copy.replaceChildren(controls.CopyComparison(chosen, topN));
  };
  const root = html`<div class="compare-form">${controls.notes}${controls.runs ?? ""}${controls.topN}${copy}</div>`;
  // The inner inputs' input events bubble here, where Framework's view listens: keep the link first.
  root.addEventListener("input", keep);
  keep();
  return withValue(root, read);
}

/**
 * "Import run cards (JSON)": a file field for the run cards another browser downloaded; each file chosen is checked
 * field by field (readRunCards) and its runs shown under the field, with a link to train each again, never stored.
 */
export function RunCardsForm({catalogue}: {catalogue: string}): HTMLElement {
  return FileField(
    {label: "Import run cards (JSON)", accept: ".json,application/json", className: "run-cards-form"},
    (file) =>
      file.text().then(
        (text) => ImportedRuns(readRunCards(text, file.name), {catalogue}),
        (error: Error) => ImportedRuns({error: `Could not read ${file.name}: ${error.message}`}, {catalogue})
      )
  );
}

/** Why there is nothing to compare yet (fewer than two runs), and what to do, in words. */
export function fewRunsText(
  runs: number,
  {noData, problem}: {noData: boolean; problem: StorageProblem | null}
): string {
  if (runs) return "Only one run is kept so far: train one more on the Train a model page to compare the two.";
  if (noData) return "Load MovieLens from your computer, above, then train two models, to compare them.";
  if (problem) return noModelText(problem);
  return "No run is kept yet: train two models on the Train a model page to compare them.";
}

/** The run history's two downloads: a CSV row per run, or run cards as JSON; Nothing when no run is kept. */
export function RunHistoryDownloads(
  runs: readonly RunRecord[],
  {catalogue, download = downloadBlob}: {catalogue: string; download?: typeof downloadBlob}
): HTMLElement {
  if (!runs.length) return Nothing();
  return html`<div class="run-history-export">${Inputs.button("Download the run history (CSV)", {
    reduce: () => download([runHistoryCsv(runs)], "run-history.csv", "text/csv")
  })} ${Inputs.button("Download the run history (JSON)", {
    reduce: () => download([runHistoryJson(runs, catalogue)], "run-history.json", "application/json")
  })}</div>`;
}

/** The run history (RunHistory), newest first, with its two downloads under it (RunHistoryDownloads). */
export function KeptRuns(runs: readonly RunRecord[], {catalogue}: {catalogue: string}): HTMLElement {
  return html`<div class="kept-runs">${RunHistory(runs)}${RunHistoryDownloads(runs, {catalogue})}</div>`;
}

/**
 * Run cards read from a file (readRunCards): the file's error, or its runs in a run history with a link to train each
 * again here, said when it was made on another dataset. Null before a file is chosen.
 */
export function ImportedRuns(
  imported: {runs: ImportedRun[]} | {error: string} | null,
  {catalogue}: {catalogue: string}
): HTMLElement {
  if (!imported) return Nothing();
  if ("error" in imported) return Note(imported.error, {className: "card-note", kind: "warning"});
  return html`<div>${RunHistory(imported.runs)}<ul class="train-again">${imported.runs.map(
    (r) =>
      html`<li><a href=${trainAgainHref(r, r.catalogue)}>Train #${r.id ?? "?"} again</a>${
        r.catalogue && r.catalogue !== catalogue ? ", made on another dataset" : ""
      }</li>`
  )}</ul></div>`;
}

/**
 * The comparison: the top `n` of each of the first four runs ticked, side by side (CompareRuns), my rated movies left
 * out; with a note when Top N was read otherwise, when more than four are ticked, or when fewer than two are. Every
 * state shows something, so an old comparison never stays on screen.
 */
export function Comparison(
  {chosen, n, note}: Pick<Compared, "chosen" | "n" | "note">,
  {
    runs,
    movies,
    myRatings,
    width
  }: {
    runs: number;
    movies: readonly RatedMovie[];
    myRatings: readonly Pick<MyRating, "movieId">[];
    width: number;
  }
): HTMLElement {
  const root = document.createElement("div");
  root.className = "comparison";
  const picked = chosen.slice(0, 4);
  if (note) root.append(Note(note, {className: "top-n-note", kind: "note"}));
  if (chosen.length > 4)
    root.append(
      Note(
        `Comparing the first four runs ticked (${picked.map((r) => `#${r.id}`).join(", ")}); ` +
          `untick one to bring in another.`,
        {className: "too-many", kind: "warning"}
      )
    );
  if (picked.length >= 2) {
    const rated = new Set(myRatings.map((r) => r.movieId));
    const lists = picked.map((r) => ({
      name: runName(r),
      label: runLabel(r),
      validLoss: r.history.at(-1)?.validLoss ?? null,
      rows: recommend(movies, r.myPredictions, {rated, n})
    }));
    root.append(CompareRuns(lists, {width}));
  } else if (runs >= 2) {
    const text = picked.length
      ? `Only ${runName(picked[0])} is ticked: tick one more run to compare it with.`
      : "No run is ticked: tick two runs, up to four, to compare them.";
    root.append(Note(text, {className: "choose-two", kind: "note"}));
  }
  return root;
}
