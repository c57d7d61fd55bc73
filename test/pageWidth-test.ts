// Prettier does not format the ```js blocks of the Markdown pages, and ESLint does not read them, so this holds their
// lines to the width the rest of the code keeps (prettier's printWidth, ESLint's max-len: 120 characters).
import {readFileSync, readdirSync} from "node:fs";
import {join} from "node:path";
import {describe, expect, it} from "vitest";

const WIDTH = 120;
const SRC = join(process.cwd(), "src");

interface CodeLine {
  /** 1-based, as an editor numbers it. */
  line: number;
  text: string;
}

/** The lines inside a page's ```js and ```ts fences (whatever follows the language: `echo`, `run=false`). */
function codeLines(markdown: string): CodeLine[] {
  const lines: CodeLine[] = [];
  let fence: string | null = null;
  let code = false;
  markdown.split(/\r?\n/).forEach((text, i) => {
    if (fence === null) {
      const open = /^ {0,3}(`{3,}|~{3,})\s*([^\s`]*)/.exec(text);
      if (open) [fence, code] = [open[1], /^(js|ts)$/.test(open[2])];
    } else if (new RegExp(`^ {0,3}${fence[0]}{${fence.length},}\\s*$`).test(text)) {
      fence = null;
    } else if (code) {
      lines.push({line: i + 1, text});
    }
  });
  return lines;
}

const pages = readdirSync(SRC)
  .filter((name) => name.endsWith(".md"))
  .sort()
  .map((name) => ({file: `src/${name}`, lines: codeLines(readFileSync(join(SRC, name), "utf-8"))}));

describe("src/*.md code blocks", () => {
  it("are read from inside ```js and ```ts fences only", () => {
    const page = [
      "# A ```js page", // prose
      "```js",
      "const a = 1;",
      "```",
      "```sql",
      "SELECT 1",
      "```",
      "```js echo",
      "a",
      "````",
      "```ts",
      "let b: number;",
      "```",
      "after"
    ].join("\n");
    expect(codeLines(page)).toEqual([
      {line: 3, text: "const a = 1;"},
      {line: 9, text: "a"},
      {line: 12, text: "let b: number;"}
    ]);
  });

  it("are found on every page but the glossary, which is prose only", () => {
    expect(pages.length).toBeGreaterThanOrEqual(10);
    for (const {file, lines} of pages) if (!file.endsWith("glossary.md")) expect(lines.length, file).toBeGreaterThan(0);
    // The pages' code cells, imports and blank lines included: about 260 lines once their logic moved into page/ (a
    // floor that shows the cells are read at all, lowered as the pages shed their logic).
    expect(pages.reduce((n, {lines}) => n + lines.length, 0)).toBeGreaterThanOrEqual(220);
  });

  it(`keep every line within ${WIDTH} characters`, () => {
    const over = pages.flatMap(({file, lines}) =>
      lines.filter(({text}) => text.length > WIDTH).map(({line, text}) => `${file}:${line} (${text.length})`)
    );
    expect(over).toEqual([]);
  });
});
