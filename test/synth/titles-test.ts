import {describe, expect, it} from "vitest";
import {createRandom} from "../../src/components/random.js";
import {makeTitles} from "../../src/components/synth/titles.js";

const years = Array.from({length: 4000}, (_, i) => 1915 + ((i * 37) % 94));
const titles = makeTitles(createRandom(8), years);
const SEQUEL = /^(.*?)( II| III| IV| V| 2| 3| 4| 5)(, (?:The|An?))?$/;

describe("makeTitles(random, years)", () => {
  it("makes one unique title per movie, the same for the same seed", () => {
    expect(titles).toHaveLength(4000);
    expect(new Set(titles).size).toBe(4000);
    expect(makeTitles(createRandom(8), years)).toEqual(titles);
    expect(makeTitles(createRandom(1), [])).toEqual([]);
  });

  it("moves most leading articles to the end, as MovieLens does, and keeps a few in front", () => {
    const moved = titles.filter((t) => /, (The|An?)$/.test(t)).length;
    const front = titles.filter((t) => /^(The|An?) /.test(t)).length;
    expect(moved).toBeGreaterThan(4 * front);
    expect(front).toBeGreaterThan(0);
    // "An" before a vowel, "A" before anything else: the seed's 4,000 titles move 36 "An"s, so both rules are checked.
    const an = titles.filter((t) => /, An$/.test(t));
    const a = titles.filter((t) => /, A$/.test(t));
    expect(an.length).toBeGreaterThanOrEqual(20);
    expect(a.length).toBeGreaterThanOrEqual(20);
    for (const t of an) expect(t).toMatch(/^[AEIOU]/);
    for (const t of a) expect(t).not.toMatch(/^[AEIOU]/);
  });

  it("has accents for UTF-8 to get right, and nothing a movies.dat line cannot hold", () => {
    expect(titles.some((t) => /[^\x00-\x7f]/.test(t))).toBe(true);
    for (const t of titles) expect(t === t.trim() && !t.includes("::") && !/[\n\r]/.test(t)).toBe(true);
  });

  it("releases a sequel after the film it continues", () => {
    const year = new Map(titles.map((t, i) => [t, years[i]]));
    let sequels = 0;
    titles.forEach((t, i) => {
      const match = SEQUEL.exec(t);
      const base = match && `${match[1]}${match[3] ?? ""}`;
      if (!base || !year.has(base)) return;
      ++sequels;
      expect(year.get(base)!).toBeLessThan(years[i]);
    });
    expect(sequels).toBeGreaterThan(50);
  });

  it("stays unique when the word lists run short, in a large catalog", () => {
    const many = makeTitles(createRandom(2), new Array(30_000).fill(2000));
    expect(new Set(many).size).toBe(30_000);
  });
});
