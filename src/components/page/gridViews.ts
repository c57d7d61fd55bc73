import * as Inputs from "@observablehq/inputs";
import {html} from "htl";
import {NOTEBOOK_GRID, bestPoint, checkGrid, createExperimentGrid, gridSummary} from "../browser/experimentGrid.js";
import type {GridRow, GridState} from "../browser/experimentGrid.js";
import {defaultCheckpointName} from "../browser/saveRun.js";
import {staleDataset} from "../browser/staleDataset.js";
import {saveTrainPreset} from "../browser/trainPreset.js";
import {runInProgress} from "../browser/trainingSession.js";
import type {TrainingState} from "../browser/trainingSession.js";
import type {BackendChoice} from "../model/trainSettings.js";
import type {TrainHyper} from "../trainDefaults.js";
import {GridChart} from "../ui/GridChart.js";
import {GridEditor} from "../ui/GridEditor.js";
import type {GridEditorElement} from "../ui/GridEditor.js";
import {hasNoData} from "../ui/NoData.js";
import {Note} from "../ui/Note.js";
import {modelShape, showSettings} from "./trainViews.js";
import type {TrainingContext, TypedSettings} from "./trainViews.js";

// The Train page's experiment grid: the notebook's five runs (or the grid as edited) in one click, where each stands,
// and the best so far applied to the page's settings.

/** The experiment grid (experimentGrid) as the Train page runs it: its editor, its runs checked, and its buttons. */
export interface GridSection {
  grid: ReturnType<typeof createExperimentGrid>;
  /** The grid's rows, to `view`: the notebook's five to start with. */
  editor: GridEditorElement;
  /**
   * "Run the grid" and "Stop the grid" for the rows as edited (`rows`) over the page's `settings`, with why the grid
   * cannot run under them; `sync(gridStatus, status)` turns the buttons on and off.
   */
  Controls(
    rows: readonly GridRow[],
    settings: TrainHyper | null,
    backend: BackendChoice
  ): HTMLElement & {sync(gridStatus: GridState["status"], status: TrainingState["status"]): void};
}

/**
 * The experiment grid on the page's session, so that Stop and the progress above follow its runs too; each run's store
 * is opened for that run only, as Train's is. Every row is checked by the Train page's own rules over the page's other
 * settings (learning rate, weight decay, seed, split), and runs with its backend.
 */
export function gridSection({
  session,
  openWorkbookStore,
  data,
  trainingData,
  mine
}: Omit<TrainingContext, "modelsProblem">): GridSection {
  const grid = createExperimentGrid(session, openWorkbookStore);
  const editor = GridEditor(NOTEBOOK_GRID, {resetLabel: "The notebook's five"});
  return {
    grid,
    editor,
    Controls(rows, settings, backend) {
      const checked = settings
        ? checkGrid(
            rows,
            {lrMax: settings.lrMax, wd: settings.wd, seed: settings.seed, split: settings.split},
            modelShape(data.summary)
          )
        : {
            runs: null,
            errors: ["Fix the settings above first: the grid trains with their learning rate, weight decay and seed."]
          };
      const run = () => ({...trainingData, backend, myRatings: mine.read()});
      const buttons = Inputs.button([
        ["Run the grid", () => void grid.run(checked.runs!, run, {check: () => staleDataset(data)})],
        ["Stop the grid", () => grid.stop()]
      ]);
      buttons.classList.add("grid-controls");
      const root = html`<div>
        ${buttons} ${checked.errors.map((error) => Note(error, {className: "grid-error", kind: "warning"}))}
      </div>`;
      // Run is off while the grid is invalid, without data, and while anything trains here; Stop only while it runs.
      const sync = (gridStatus: GridState["status"], status: TrainingState["status"]) => {
        const [start, stop] = buttons.querySelectorAll("button");
        start.disabled = !checked.runs || hasNoData(data.summary) || gridStatus === "running" || runInProgress(status);
        stop.disabled = gridStatus !== "running";
      };
      sync(grid.state.status, session.state.status);
      return Object.assign(root, {sync});
    }
  };
}

/** Where the grid stands in words, and its runs on the chart, the best so far ringed (bestPoint). */
export function GridResults(gridState: GridState, {width}: {width: number}): HTMLElement {
  const best = bestPoint(gridState.points);
  const kind = gridState.status === "error" ? "warning" : undefined;
  return html`<div>
    ${Note(gridSummary(gridState), {className: "grid-status", kind})}
    ${GridChart(gridState.points, {width, best: best?.index ?? null})}
  </div>`;
}

/**
 * "Apply best so far": copies the grid's best run's settings into the page's form (`form`), and keeps them in this
 * browser as the form's starting values next time; off until a run has finished.
 */
export function ApplyBest(
  gridState: Pick<GridState, "points">,
  form: HTMLElement & {value: TypedSettings}
): HTMLElement {
  const best = bestPoint(gridState.points);
  return Inputs.button(
    best ? `Apply best so far: ${defaultCheckpointName(best.hyper, best.hyper.epochs)}` : "Apply best so far",
    {
      disabled: !best,
      reduce: () => {
        if (!best) return;
        saveTrainPreset(best.hyper);
        showSettings(form, best.hyper);
      }
    }
  );
}
