// @vitest-environment jsdom
import {describe, expect, it} from "vitest";
import type {TrainingSession} from "../../src/components/browser/trainingSession.js";
import type {StoredModel, WorkbookStore} from "../../src/components/browser/workbookStore.js";
import {
  Checkpoints,
  LatestModel,
  ResumeForm,
  StopButton,
  UploadForm,
  resumeCheckpoint,
  resumedText
} from "../../src/components/page/saveResumeViews.js";

const info = {
  name: "50 factors, bs 256, 3 epochs",
  savedAt: "2026-12-07T01:00:00.000Z",
  dataset: "Synthetic",
  hyper: {factors: 50, bs: 256, epochs: 3, lrMax: 0.01, wd: 0.1, seed: 42},
  epochs: 3,
  validLoss: 0.81234,
  bytes: 100
};
const latest = {info, bytes: new ArrayBuffer(8), ranker: null} as StoredModel;

describe("LatestModel(latest, {noData, shelf})", () => {
  const shelf = (problem: "blocked" | null, saveLatest = async (_l: StoredModel, _name: string) => {}) =>
    ({store: {problem}, checkpoint: {saveLatest}}) as never;
  it("says why there is no model, and what to do", () => {
    expect(LatestModel(null, {noData: true, shelf: shelf(null)}).textContent).toMatch(
      /then train a model, to save and resume it/
    );
    expect(LatestModel(null, {noData: false, shelf: shelf(null)}).textContent).toBe(
      "No trained model yet: train one on the Train a model page, then come back."
    );
    expect(LatestModel(null, {noData: false, shelf: shelf("blocked")}).textContent).toMatch(
      /Upload a checkpoint below to resume it here\./
    );
  });

  it("describes the latest model in one line, and saves it under the name typed, trimmed", () => {
    const saved: [StoredModel, string][] = [];
    const save = async (l: StoredModel, name: string) => void saved.push([l, name]);
    const root = LatestModel(latest, {noData: false, shelf: shelf(null, save)});
    expect(root.querySelector(".latest-model")!.textContent).toMatch(
      /^50 factors, batch size 256, lr_max 0\.01, wd 0\.1, 3 epochs, valid_loss 0\.8123, trained .+ on Synthetic\.$/
    );
    const input = root.querySelector("input")!;
    expect(input.value).toBe("50 factors, bs 256, 3 epochs");
    input.value = "  my model  ";
    input.dispatchEvent(new Event("input", {bubbles: true}));
    root.querySelector("button")!.click();
    expect(saved).toEqual([[latest, "my model"]]);
  });
});

describe("resumedText(name, more, final)", () => {
  it("says whether the resumed run diverged, stopped early or trained, and what became of its model", () => {
    expect(resumedText("m", 2, {diverged: false, status: "done"})).toBe(
      "Trained “m” for 2 more epochs: it is the latest model, and in the run history."
    );
    expect(resumedText("m", 1, {diverged: false, status: "done"})).toMatch(/for 1 more epoch:/);
    expect(resumedText("m", 2, {diverged: false, status: "stopped"})).toBe(
      "Stopped “m” before its 2 more epochs ended: what it trained is the latest model, and in the run history."
    );
    expect(resumedText("m", 2, {diverged: true, status: "done"})).toMatch(
      /^Training “m” for 2 more epochs diverged: .* did not replace the latest/
    );
    // Stopped, and no better than the mean: both said, not "for 100 more epochs diverged" of a run cut short.
    expect(resumedText("m", 100, {diverged: true, status: "stopped"})).toBe(
      "Stopped “m” before its 100 more epochs ended, no better than predicting the mean: it is in the run history, " +
        "but its model did not replace the latest model."
    );
  });
});

describe("resumeCheckpoint(id, options)", () => {
  const options = (over: Record<string, unknown> = {}) => {
    const said: string[] = [];
    const changed: number[] = [];
    return {
      said,
      changed,
      options: {
        session: {state: {status: "idle"}} as unknown as TrainingSession,
        store: {getCheckpoint: async () => null} as unknown as WorkbookStore,
        data: {summary: {dataset: {name: "d"}}, stored: null} as never,
        trainingData: {ratingsUrl: "/r", wasmUrls: {}, dataset: {catalogue: "c", name: "d"}},
        mine: {read: () => []},
        moreEpochs: 2 as number | null,
        backend: "auto" as const,
        say: (text: string) => void said.push(text),
        changed: () => void changed.push(1),
        ...over
      }
    };
  };

  it("refuses in words, training nothing: a run in progress, epochs out of range, a deleted checkpoint", async () => {
    const busy = options({session: {state: {status: "training"}}});
    await resumeCheckpoint(1, busy.options);
    expect(busy.said).toEqual(["A run is in progress: wait for it, or stop it, first."]);
    const noEpochs = options({moreEpochs: null});
    await resumeCheckpoint(1, noEpochs.options);
    expect(noEpochs.said).toEqual(["More epochs must be a whole number from 1 to 100: nothing was trained."]);
    const gone = options();
    await resumeCheckpoint(1, gone.options);
    expect(gone.said).toEqual([
      "That checkpoint is no longer in this browser: another tab deleted it. Nothing was trained."
    ]);
    expect(gone.changed).toEqual([1]);
  });
});

describe("ResumeForm()", () => {
  it("reads the epochs typed and the backend chosen, and refuses a value out of range under the form as typed", () => {
    const form = ResumeForm();
    expect(form.read()).toEqual({moreEpochs: 2, backend: "auto"});
    const epochs = form.querySelector<HTMLInputElement>("input[type=number]")!;
    epochs.value = "2.5";
    epochs.dispatchEvent(new Event("input", {bubbles: true}));
    expect(form.read().moreEpochs).toBeNull();
    expect(form.querySelector(".input-error")!.textContent).toBe(
      "More epochs must be a whole number from 1 to 100; “2.5” is not."
    );
    epochs.value = "7";
    epochs.dispatchEvent(new Event("input", {bubbles: true}));
    expect(form.read().moreEpochs).toBe(7);
    expect(form.querySelector(".input-error")!.textContent).toBe("");
  });
});

describe("Checkpoints(checkpoints, options), UploadForm(checkpoint) and StopButton(session)", () => {
  it("load, download and delete the checkpoint of the row clicked", () => {
    const calls: string[] = [];
    const checkpoint = {
      download: async (id: number) => void calls.push(`download ${id}`),
      remove: async (id: number) => void calls.push(`delete ${id}`)
    } as never;
    const list = Checkpoints([{...info, id: 4, name: "four"} as never], {
      shelf: {store: {problem: null}, checkpoint},
      resume: (id) => calls.push(`resume ${id}`)
    });
    for (const label of ["Load + train “four”", "Download “four”", "Delete “four”"])
      list.querySelector<HTMLButtonElement>(`button[aria-label="${label}"]`)!.click();
    expect(calls).toEqual(["resume 4", "download 4", "delete 4"]);
    expect(Checkpoints([], {shelf: {store: {problem: "blocked"}, checkpoint}, resume: () => {}}).textContent).toBe(
      "No checkpoints in this page yet."
    );
  });

  it("keeps a keyboard user on the button they pressed, or the same one on the row now in its place", async () => {
    const checkpoint = {download: async () => {}, remove: async () => {}} as never;
    const shelf = {store: {problem: null}, checkpoint};
    const list = (ids: number[]) =>
      Checkpoints(
        ids.map((id) => ({...info, id, name: `#${id}`}) as never),
        {shelf, resume: () => {}}
      );
    const before = list([4, 5]);
    document.body.replaceChildren(before);
    before.querySelector<HTMLButtonElement>('button[aria-label="Delete “#4”"]')!.focus();
    // Checkpoint 4 was deleted: the list drawn again holds 5 in its place.
    const after = list([5]);
    document.body.replaceChildren(after);
    await Promise.resolve();
    expect(document.activeElement).toBe(after.querySelector('button[aria-label="Delete “#5”"]'));
  });

  it("uploads each file chosen, in the order chosen, and says under the field what became of the last", async () => {
    const uploaded: string[] = [];
    const form = UploadForm({
      upload: async (file, {tell} = {}) => {
        await new Promise((r) => setTimeout(r, 5));
        uploaded.push(file.name);
        tell?.(`Uploaded “${file.name}”.`);
      }
    });
    const input = form.querySelector<HTMLInputElement>("input[type=file]")!;
    for (const name of ["a.ckpt", "b.ckpt"]) {
      Object.defineProperty(input, "files", {value: [new File([""], name)], configurable: true});
      input.dispatchEvent(new Event("input", {bubbles: true}));
    }
    await new Promise((r) => setTimeout(r, 30));
    expect(uploaded).toEqual(["a.ckpt", "b.ckpt"]);
    expect(form.querySelector(".upload-note")!.textContent).toBe("Uploaded “b.ckpt”.");
    expect(form.querySelectorAll(".upload-note")).toHaveLength(1);
    expect(form.querySelector(".upload-note")!.closest("[role=status]")).not.toBeNull();
  });

  it("turns Stop on only while a run starts or trains, and stops the session", () => {
    let stopped = 0;
    const stop = StopButton({stop: () => void stopped++});
    const button = stop.querySelector("button")!;
    expect(button.disabled).toBe(true);
    stop.sync("training");
    expect(button.disabled).toBe(false);
    button.click();
    expect(stopped).toBe(1);
    stop.sync("finishing");
    expect(button.disabled).toBe(true);
  });
});
