// @vitest-environment jsdom
import {describe, expect, it} from "vitest";
import {PredictionSource} from "../../src/components/ui/PredictionSource.js";

describe("PredictionSource(personal)", () => {
  it("says my predictions rest on the ratings the model was trained on, when it records them", () => {
    expect(PredictionSource({approximate: false, changed: 0, used: 12, ms: 0}).outerHTML).toBe(
      '<p class="prediction-source exact">From the model as trained on my 12 ratings, my factors fitted to them ' +
        "with the movies held fixed.</p>"
    );
    expect(PredictionSource({approximate: false, changed: 0, used: null, ms: 0, rated: [1, 2]}).textContent).toBe(
      "My factors are fitted to my 2 ratings with the model's movies held fixed; this checkpoint does not record " +
        "which of my ratings it was trained on."
    );
  });

  it("says a fold-in on changed ratings is approximate, with the changes and its time", () => {
    const note = PredictionSource({approximate: true, changed: 1, used: 13, ms: 3.4});
    expect(note.className).toBe("prediction-source approximate");
    expect(note.textContent).toBe(
      "Approximate: my ratings changed since this model was trained (1 change), so my factors were refitted to my " +
        "13 ratings in 3 ms with the movies held fixed (a fold-in). Retrain to let the movies learn from them too."
    );
    expect(PredictionSource({approximate: true, changed: 2, used: 13, ms: 10}).textContent).toContain("(2 changes)");
    // Given the ratings the fold-in rests on, it says how many.
    expect(PredictionSource({approximate: true, changed: 2, used: 13, ms: 10, rated: [1, 2, 3]}).textContent).toContain(
      "so my factors were refitted to my 3 ratings in 10 ms"
    );
  });
});
