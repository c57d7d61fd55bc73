import {describe, expect, it} from "vitest";
import {defaultCheckpointName} from "../../src/components/browser/recordRun.js";

describe("defaultCheckpointName(hyper, epochs)", () => {
  it("names the factors, the batch size and the epochs", () => {
    expect(defaultCheckpointName({factors: 50, bs: 256}, 3)).toBe("50 factors, bs 256, 3 epochs");
    expect(defaultCheckpointName({factors: 20, bs: 64}, 1)).toBe("20 factors, bs 64, 1 epoch");
  });
});
