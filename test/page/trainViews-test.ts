// @vitest-environment jsdom
import {describe, expect, it} from "vitest";
import {
  SettingsForm,
  TrainControls,
  initialSettings,
  modelShape,
  showSettings
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
