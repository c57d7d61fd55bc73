import {describe, expect, it} from "vitest";
import {missingReference} from "../../bench/missingReference.js";

describe("missingReference(path, exists)", () => {
  it("says nothing when the reference script is there", () => {
    expect(missingReference("/x/fastai_recipe.py", () => true)).toBeNull();
  });

  it("names the missing script, where it belongs, and how to bench without it", () => {
    const text = missingReference("/nowhere/shared/bench/fastai_recipe.py", () => false)!;
    expect(text).toContain("the PyTorch reference script is missing (/nowhere/shared/bench/fastai_recipe.py)");
    expect(text).toContain("npm run bench -- --no-reference");
  });
});
