import {html} from "htl";
import type {MyRatingsStore} from "../browser/myRatingsStorage.js";
import type {TrainingState} from "../browser/trainingSession.js";
import type {WorkbookData} from "../browser/workbookData.js";
import type {CheckpointShelf} from "./checkpointShelf.js";
import {ResumeForm, StopButton, resumeCheckpoint} from "./saveResumeViews.js";
import {trainingPage} from "./trainingPage.js";

/**
 * Load and train more epochs, in one call: the page's training session (trainingPage), the form for the epochs and
 * the backend with Stop beside it (`controls`; Stop is on only while a run can be stopped), the session's states for
 * the run's views, and `resume`, which trains checkpoint `id` for the epochs typed (resumeCheckpoint), saying what
 * came of it through the shelf and having the shelf's lists read again.
 */
export async function checkpointResumer(
  data: WorkbookData,
  {
    mine,
    shelf,
    invalidation,
    training = trainingPage
  }: {
    mine: Pick<MyRatingsStore, "read">;
    shelf: Pick<CheckpointShelf, "store" | "say" | "changed">;
    invalidation: Promise<unknown>;
    training?: (data: WorkbookData, invalidation: Promise<unknown>) => ReturnType<typeof trainingPage>;
  }
): Promise<{controls: HTMLElement; states: AsyncGenerator<TrainingState>; resume: (id: number) => Promise<void>}> {
  const {session, trainingData, states} = await training(data, invalidation);
  const form = ResumeForm();
  const stop = StopButton(session);
  void invalidation.then(session.subscribe((state) => stop.sync(state.status)));
  const {store, say, changed} = shelf;
  const resume = (id: number) =>
    resumeCheckpoint(id, {session, store, data, trainingData, mine, ...form.read(), say, changed});
  return {controls: html`<div class="resume-controls">${form}${stop}</div>`, states, resume};
}
