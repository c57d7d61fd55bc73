import {mkdirSync, mkdtempSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {codeStamp} from "../src/data/codeStamp.js";

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "codestamp-"));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, ".."), {recursive: true});
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe("codeStamp(root)", () => {
  const base = {
    "src/data/a.json.ts": "a",
    "src/components/random.ts": "r",
    "src/components/engine/fit.ts": "f",
    "src/components/ui/View.ts": "v"
  };

  it("is the same for the same code", () => {
    expect(codeStamp(tree(base))).toBe(codeStamp(tree(base)));
  });

  it("changes when a component in a sub-folder changes", () => {
    expect(codeStamp(tree({...base, "src/components/engine/fit.ts": "f2"}))).not.toBe(codeStamp(tree(base)));
  });

  it("changes when a component moves to another folder", () => {
    const {["src/components/ui/View.ts"]: view, ...rest} = base;
    expect(codeStamp(tree({...rest, "src/components/model/View.ts": view}))).not.toBe(codeStamp(tree(base)));
  });

  it("ignores files that are not .ts", () => {
    expect(codeStamp(tree({...base, "src/components/ui/notes.md": "n"}))).toBe(codeStamp(tree(base)));
  });
});
