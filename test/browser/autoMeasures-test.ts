import {describe, expect, it} from "vitest";
import {AUTO_MEASURES_KEY, recallAutoMeasures, rememberAutoMeasure} from "../../src/components/browser/autoMeasures.js";
import {memoryStorage} from "../../src/components/browser/pageStorage.js";

const measure = (shape: string, measuredAt = 1) => ({
  shape,
  backend: "wasm" as const,
  skipped: [],
  timings: [{backend: "wasm" as const, ratingsPerSecond: 1e5, steps: 4, ratings: 256, seconds: 0.1, software: null}],
  calibrationSeconds: 0.4,
  measuredAt
});

describe("rememberAutoMeasure(measure, storage) and recallAutoMeasures(storage)", () => {
  it("keeps one measure per shape, newest first, at most eight", () => {
    const storage = memoryStorage();
    expect(recallAutoMeasures(storage)).toEqual([]);
    rememberAutoMeasure(measure("a"), storage);
    rememberAutoMeasure(measure("b"), storage);
    rememberAutoMeasure(measure("a", 2), storage);
    expect(recallAutoMeasures(storage).map((m) => [m.shape, m.measuredAt])).toEqual([
      ["a", 2],
      ["b", 1]
    ]);
    for (let i = 0; i < 10; i++) rememberAutoMeasure(measure(`s${i}`), storage);
    expect(recallAutoMeasures(storage)).toHaveLength(8);
  });

  it("uses no measure made by another browser, nor one it cannot read, and works with no storage at all", () => {
    const storage = memoryStorage();
    storage.setItem(AUTO_MEASURES_KEY, JSON.stringify({browser: "Another/1.0", measures: [measure("a")]}));
    expect(recallAutoMeasures(storage)).toEqual([]);
    storage.setItem(AUTO_MEASURES_KEY, "{not json");
    expect(recallAutoMeasures(storage)).toEqual([]);
    expect(recallAutoMeasures(null)).toEqual([]);
    expect(() => rememberAutoMeasure(measure("a"), null)).not.toThrow();
    const full = {
      ...memoryStorage(),
      setItem: () => {
        throw new DOMException("full", "QuotaExceededError");
      }
    };
    expect(() => rememberAutoMeasure(measure("a"), full)).not.toThrow();
  });
});
