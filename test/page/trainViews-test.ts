// @vitest-environment jsdom
import {describe, expect, it} from "vitest";
import {
  DownloadCheckpoint,
  SettingsForm,
  TrainControls,
  initialSettings,
  modelShape,
  myRatingsTrained,
  showSettings,
  trainHere,
  trainSettings
} from "../../src/components/page/trainViews.js";
import {TRAIN_DEFAULTS} from "../../src/components/trainDefaults.js";

describe("modelShape(summary)", () => {
  it("counts me (user 99999) as one more user when the data holds none of my ratings", () => {
    expect(modelShape({counts: {users: 300, movies: 400, myRatings: 40}} as never)).toEqual({users: 300, movies: 400});
    expect(modelShape({counts: {users: 300, movies: 400, myRatings: 0}} as never)).toEqual({users: 301, movies: 400});
  });
});

describe("initialSettings(preset, linked) and SettingsForm(initial)", () => {
  it("start from the link's values, else the preset, numbers as typed text and the backend auto", () => {
    const initial = initialSettings({...TRAIN_DEFAULTS}, {epochs: "7", wd: 0.3});
    expect(initial).toEqual({...TRAIN_DEFAULTS, factors: "50", epochs: "7", seed: "42", wd: 0.3, backend: "auto"});
    const form = SettingsForm(initial);
    expect(form.value).toEqual(initial);
    // Each input with a line under it for its error.
    expect(form.querySelectorAll("input, select").length).toBeGreaterThanOrEqual(8);
    expect([...form.querySelectorAll("label")].map((l) => l.textContent)).toEqual(
      expect.arrayContaining(["n_factors", "Batch size", "Epochs", "lr_max", "Weight decay", "Backend", "Seed"])
    );
  });

  it("takes settings applied elsewhere as if typed, and tells the page", () => {
    const form = SettingsForm(initialSettings({...TRAIN_DEFAULTS}, {}));
    let told = 0;
    form.addEventListener("input", () => void told++);
    showSettings(form, {...TRAIN_DEFAULTS, factors: 7, bs: 64, epochs: 2, seed: 5});
    expect(form.value).toMatchObject({factors: "7", bs: 64, epochs: "2", seed: "5", split: "random"});
    expect(told).toBe(1);
  });
});

describe("TrainControls({onTrain, onStop, canTrain})", () => {
  it("turns Train and Stop on and off with the run, and hands the focus over as one turns off", () => {
    let allowed = true;
    const calls: string[] = [];
    const {element, sync} = TrainControls({
      onTrain: () => void calls.push("train"),
      onStop: () => void calls.push("stop"),
      canTrain: () => allowed
    });
    document.body.append(element);
    const [train, stop] = element.querySelectorAll("button");
    sync("idle");
    expect([train.disabled, stop.disabled]).toEqual([false, true]);
    train.focus();
    train.click();
    sync("training");
    expect([train.disabled, stop.disabled]).toEqual([true, false]);
    expect(document.activeElement).toBe(stop);
    stop.click();
    sync("finishing"); // the worker saves and ranks: Stop no longer acts
    expect([train.disabled, stop.disabled]).toEqual([true, true]);
    sync("done");
    expect(train.disabled).toBe(false);
    expect(document.activeElement).toBe(train);
    allowed = false; // an invalid input, or no data
    sync("done");
    expect(train.disabled).toBe(true);
    expect(calls).toEqual(["train", "stop"]);
    element.remove();
  });
});

describe("trainSettings(summary, {invalidation, search})", () => {
  const summary = {counts: {users: 300, movies: 400, myRatings: 40}, catalogue: "cat-1", dataset: {name: "Synthetic"}};
  const never = new Promise(() => {});
  const errors = (form: HTMLElement) =>
    [...form.querySelectorAll(".input-error")].map((e) => e.textContent).filter(Boolean);

  it("starts from the link, keeps the settings in it, and trains what the form shows once it is valid", () => {
    history.replaceState(null, "", "/train");
    const settings = trainSettings(summary as never, {invalidation: never, search: "?factors=20&bs=64"});
    expect(settings.form.value).toMatchObject({factors: "20", bs: 64, epochs: "3"});
    expect(settings.check(settings.form.value)).toEqual({...TRAIN_DEFAULTS, factors: 20, bs: 64});
    expect(new URLSearchParams(location.search).get("factors")).toBe("20");
    expect(new URLSearchParams(location.search).get("data")).toBe("cat-1");
    expect(settings.linkNotes.textContent).toContain("Copy link");
    expect(settings.linkNotes.textContent).not.toContain("another dataset");
  });

  it("refuses an invalid value under its field, and a link's unheld value until that field changes", () => {
    const settings = trainSettings(summary as never, {invalidation: never, search: "?epochs=abc&data=cat-2"});
    expect(settings.linkNotes.textContent).toContain("This link was made on another dataset");
    expect(settings.check(settings.form.value)).toBeNull();
    expect(errors(settings.form)).toEqual(["The link's epochs “abc” is not a number, so it is left empty."]);
    expect(settings.check({...settings.form.value, epochs: "4"})).toMatchObject({epochs: 4});
    expect(errors(settings.form)).toEqual([]);
  });
});

describe("myRatingsTrained(myRatings, {stored}) and DownloadCheckpoint(state, {modelsProblem, download})", () => {
  it("say which of my ratings a run trains on", () => {
    const two = [1, 2].map((movieId) => ({movieId, rating: 4, timestamp: 0}));
    expect(myRatingsTrained([], {stored: false})).toBe("none yet (the Rate movies page adds them)");
    expect(myRatingsTrained(two, {stored: true})).toBe("the 2 ratings I gave on this dataset in this browser");
    expect(myRatingsTrained(two, {stored: false})).toBe("the 2 ratings from this dataset's my_ratings.dat");
  });

  it("offer the run's checkpoint for download only where the browser keeps no models, once the run ended", () => {
    const downloads: string[] = [];
    const ended = {checkpoint: new ArrayBuffer(4), rows: [{}], status: "done"} as never;
    const download = ((_parts: unknown, name: string) => void downloads.push(name)) as never;
    const offered = DownloadCheckpoint(ended, {modelsProblem: "blocked", download});
    offered.querySelector("button")!.click();
    expect(downloads).toEqual(["movielens-model.ckpt"]);
    expect(DownloadCheckpoint(ended, {modelsProblem: null}).className).toBe("nothing");
    const training = {checkpoint: new ArrayBuffer(4), rows: [{}], status: "training"} as never;
    expect(DownloadCheckpoint(training, {modelsProblem: "blocked"}).className).toBe("nothing");
  });
});

describe("trainHere(context, {settings, backend, say})", () => {
  it("trains nothing, and says nothing, while the settings are invalid", async () => {
    const said: string[] = [];
    let trained = 0;
    const session = {state: {status: "idle"}, train: () => void trained++} as never;
    await trainHere(
      {
        session,
        openWorkbookStore: async () => ({}) as never,
        data: {} as never,
        trainingData: {} as never,
        mine: {read: () => []},
        modelsProblem: null
      },
      {settings: null, backend: "auto", say: (text) => void said.push(text)}
    );
    expect([trained, said]).toEqual([0, []]);
  });
});
