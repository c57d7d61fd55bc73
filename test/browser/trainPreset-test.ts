import {describe, expect, it, vi} from "vitest";
import {
  TRAIN_PRESET_KEY,
  onTrainPresetChange,
  readTrainPreset,
  saveTrainPreset
} from "../../src/components/browser/trainPreset.js";
import {TRAIN_DEFAULTS} from "../../src/components/trainDefaults.js";

function memoryStorage(initial: Record<string, string> = {}) {
  const items = new Map(Object.entries(initial));
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    items
  };
}

describe("saveTrainPreset(hyper, storage) and readTrainPreset(storage)", () => {
  it("keeps the seven settings, and reads them back as the Train page's starting values", () => {
    const storage = memoryStorage();
    saveTrainPreset(
      {factors: 20, bs: 64, epochs: 5, lrMax: 3e-3, wd: 0.05, seed: 7, split: "time", extra: 1} as never,
      storage
    );
    expect(JSON.parse(storage.items.get(TRAIN_PRESET_KEY)!)).toEqual({
      factors: 20,
      bs: 64,
      epochs: 5,
      lrMax: 3e-3,
      wd: 0.05,
      seed: 7,
      split: "time"
    });
    expect(readTrainPreset(storage)).toEqual({
      factors: 20,
      bs: 64,
      epochs: 5,
      lrMax: 3e-3,
      wd: 0.05,
      seed: 7,
      split: "time"
    });
  });

  it("reads a preset kept before the split was a setting with the default split", () => {
    const storage = memoryStorage({
      [TRAIN_PRESET_KEY]: JSON.stringify({factors: 20, bs: 64, epochs: 5, lrMax: 3e-3, wd: 0.05, seed: 7})
    });
    expect(readTrainPreset(storage)).toEqual({
      factors: 20,
      bs: 64,
      epochs: 5,
      lrMax: 3e-3,
      wd: 0.05,
      seed: 7,
      split: "random"
    });
    expect(readTrainPreset(memoryStorage({[TRAIN_PRESET_KEY]: JSON.stringify({split: "latest"})})).split).toBe(
      "random"
    );
  });

  it("falls back to TRAIN_DEFAULTS, field by field, for what is missing, invalid or unreadable", () => {
    expect(readTrainPreset(memoryStorage())).toEqual(TRAIN_DEFAULTS);
    expect(readTrainPreset(undefined)).toEqual(TRAIN_DEFAULTS);
    expect(readTrainPreset(memoryStorage({[TRAIN_PRESET_KEY]: "{not json"}))).toEqual(TRAIN_DEFAULTS);
    expect(readTrainPreset(memoryStorage({[TRAIN_PRESET_KEY]: "[1, 2]"}))).toEqual(TRAIN_DEFAULTS);
    const partly = JSON.stringify({factors: 2.5, bs: 64, epochs: 0, lrMax: -1, wd: "0.1", seed: 9});
    expect(readTrainPreset(memoryStorage({[TRAIN_PRESET_KEY]: partly}))).toEqual({...TRAIN_DEFAULTS, bs: 64, seed: 9});
  });
});

describe("onTrainPresetChange(listener, page)", () => {
  it("hears the starting settings another tab applied, from the storage event, and stops when told", () => {
    const storage = memoryStorage();
    vi.stubGlobal("localStorage", storage);
    const page = new EventTarget();
    const heard: number[] = [];
    const stop = onTrainPresetChange((preset) => heard.push(preset.factors), page);
    const storageEvent = (key: string) => Object.assign(new Event("storage"), {key});
    saveTrainPreset({...TRAIN_DEFAULTS, factors: 7}, storage);
    page.dispatchEvent(storageEvent(TRAIN_PRESET_KEY));
    page.dispatchEvent(storageEvent("another key"));
    stop();
    page.dispatchEvent(storageEvent(TRAIN_PRESET_KEY));
    expect(heard).toEqual([7]);
    vi.unstubAllGlobals();
  });
});
