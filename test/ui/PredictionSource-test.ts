// @vitest-environment jsdom
import {describe, expect, it} from "vitest";
import {PredictionSource} from "../../src/components/ui/PredictionSource.js";

describe("PredictionSource(personal)", () => {
  it("says my predictions are the model's own, with the ratings it was trained on when it records them", () => {
    expect(PredictionSource({approximate: false, changed: 0, used: 12, ms: 0}).outerHTML).toBe(
      '<p class="prediction-source exact">From the model as trained on my 12 ratings.</p>'
    );
    expect(PredictionSource({approximate: false, changed: 0, used: null, ms: 0}).textContent).toBe(
      "From the model's own row for me, as trained; this checkpoint does not record which " +
        "of my ratings it was trained on."
    );
  });

  it("says a fold-in is approximate, with the changes and its time", () => {
    const note = PredictionSource({approximate: true, changed: 1, used: 13, ms: 3.4});
    expect(note.className).toBe("prediction-source approximate");
    expect(note.textContent).toBe(
      "Approximate: my ratings changed since this model was trained (1 change), so my factors were refitted to them " +
        "in 3 ms with the movies held fixed (a fold-in). Retrain for exact recommendations."
    );
    expect(PredictionSource({approximate: true, changed: 2, used: 13, ms: 10}).textContent).toContain("(2 changes)");
    // Given the ratings the fold-in rests on, it says how many.
    expect(PredictionSource({approximate: true, changed: 2, used: 13, ms: 10, rated: [1, 2, 3]}).textContent).toContain(
      "so my factors were refitted to my 3 ratings in 10 ms"
    );
  });
});
