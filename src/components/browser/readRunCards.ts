import {BACKEND_CHOICES, SETTING_RANGES, SPLIT_CHOICES} from "../model/trainSettings.js";
import type {RunRanking} from "../model/rankingMetrics.js";
import type {RunRecord} from "./workbookStore.js";

/** The most runs one file may hold. */
export const MAX_CARDS = 1000;

/** A run as readRunCards gives it: the checked fields only, with where it came from and its dataset's catalogue. */
export type ImportedRun = RunRecord & {importedFrom: string; catalogue: string | null};

/** Why a value is refused: thrown by the checks below with the field's path, and turned into the file's message. */
class Refused extends Error {}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const shown = (v: unknown) => {
  const text = typeof v === "string" ? `“${v}”` : (JSON.stringify(v) ?? String(v));
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
};
const fmt = (x: number) => x.toLocaleString("en-US");

function get(object: Json, key: string, path: string): unknown {
  if (!(key in object)) throw new Refused(`${path}${key} is missing`);
  return object[key];
}
function text(object: Json, key: string, path: string, max = 200): string {
  const v = get(object, key, path);
  if (typeof v !== "string" || v.length > max)
    throw new Refused(`${path}${key} must be a text of at most ${max} characters, not ${shown(v)}`);
  return v;
}
function number(object: Json, key: string, path: string, [lo, hi]: [number, number], whole = false): number {
  const v = get(object, key, path);
  if (typeof v !== "number" || !Number.isFinite(v) || v < lo || v > hi || (whole && !Number.isInteger(v)))
    throw new Refused(
      `${path}${key} must be ${whole ? "a whole number" : "a number"} from ${fmt(lo)} to ${fmt(hi)}, not ${shown(v)}`
    );
  return v;
}
function oneOf<T>(object: Json, key: string, path: string, choices: readonly T[]): T {
  const v = get(object, key, path);
  if (!choices.includes(v as T))
    throw new Refused(`${path}${key} must be one of ${choices.join(", ")}, not ${shown(v)}`);
  return v as T;
}
function object(v: unknown, path: string): Json {
  if (!isObject(v)) throw new Refused(`${path.replace(/\.$/, "")} must be an object`);
  return v;
}

/** The few ranking figures Compare shows (RunHistory), each checked; the rest of a card's ranking is not read. */
function ranking(v: unknown, path: string): RunRanking {
  const r = object(v, path);
  const report = (key: string, at = r, where = path) => {
    const rep = object(get(at, key, where), `${where}${key}.`);
    return {
      ndcg: number(rep, "ndcg", `${where}${key}.`, [0, 1]),
      users: number(rep, "users", `${where}${key}.`, [0, 1e9], true)
    };
  };
  const baselines = object(get(r, "baselines", path), `${path}baselines.`);
  const b = `${path}baselines.`;
  return {
    split: oneOf(r, "split", path, SPLIT_CHOICES),
    mse: number(r, "mse", path, [0, 100]),
    rmse: number(r, "rmse", path, [0, 10]),
    model: report("model"),
    blended: report("blended"),
    baselines: {
      popular: report("popular", baselines, b),
      dampedMean: report("dampedMean", baselines, b),
      biasOnly: report("biasOnly", baselines, b)
    }
  } as unknown as RunRanking;
}

/** One run card, checked field by field; `path` names it in a refusal ("run 2: "). */
function card(v: unknown, path: string, file: string): ImportedRun {
  const c = object(v, path);
  const h = object(get(c, "hyper", path), `${path}hyper.`);
  const hp = `${path}hyper.`;
  const history = get(c, "history", path);
  if (!Array.isArray(history) || history.length > 1000)
    throw new Refused(`${path}history must be a list of at most 1,000 epochs`);
  const catalogue = "catalogue" in c ? text(c, "catalogue", path, 100) : null;
  return {
    id: "id" in c ? number(c, "id", path, [1, Number.MAX_SAFE_INTEGER], true) : undefined,
    finishedAt: text(c, "finishedAt", path, 40),
    dataset: text(c, "dataset", path),
    backend: oneOf(c, "backend", path, BACKEND_CHOICES),
    hyper: {
      factors: number(h, "factors", hp, [...SETTING_RANGES.factors], true),
      bs: number(h, "bs", hp, [1, 1e7], true),
      epochs: number(h, "epochs", hp, [...SETTING_RANGES.epochs], true),
      lrMax: number(h, "lrMax", hp, [Number.MIN_VALUE, 10]),
      wd: number(h, "wd", hp, [0, 10]),
      seed: number(h, "seed", hp, [...SETTING_RANGES.seed], true),
      split: "split" in h ? oneOf(h, "split", hp, SPLIT_CHOICES) : "random"
    },
    history: history.map((e, i) => {
      const at = `${path}history[${i}].`;
      const row = object(e, at);
      return {
        epoch: number(row, "epoch", at, [0, 1e4], true),
        trainLoss: number(row, "trainLoss", at, [0, 1e6]),
        validLoss: number(row, "validLoss", at, [0, 1e6]),
        seconds: number(row, "seconds", at, [0, 1e7])
      };
    }),
    seconds: number(c, "seconds", path, [0, 1e7]),
    stopped: get(c, "stopped", path) === true,
    ...(c.diverged === true ? {diverged: true} : {}),
    ...("resumedFrom" in c ? {resumedFrom: text(c, "resumedFrom", path)} : {}),
    ranking: c.ranking === undefined || c.ranking === null ? null : ranking(c.ranking, `${path}ranking.`),
    importedFrom: file,
    catalogue
  };
}

/**
 * Reads run cards from a file's `content` (`file` is its name): what Compare's "Download the run history (JSON)"
 * writes ({runs: [card, …]}), or one card. A file is untrusted: every field the workbook shows is checked (its type,
 * its range, its length), only those are kept, and the first wrong one refuses the file, in words that name it.
 */
export function readRunCards(content: string, file: string): {runs: ImportedRun[]} | {error: string} {
  let parsed: unknown;
  try {
    parsed = JSON.parse(content);
  } catch {
    return {error: `${file} is not a JSON file: choose a run history or a run card that Compare models downloaded.`};
  }
  const list = isObject(parsed) && Array.isArray(parsed.runs) ? parsed.runs : [parsed];
  if (list.length === 0) return {error: `${file} holds no run.`};
  if (list.length > MAX_CARDS) return {error: `${file} holds ${fmt(list.length)} runs: at most ${fmt(MAX_CARDS)}.`};
  try {
    return {runs: list.map((v, i) => card(v, list.length > 1 ? `run ${i + 1}: ` : "", file))};
  } catch (error) {
    if (!(error instanceof Refused)) throw error;
    return {error: `${file} was not imported: ${error.message}.`};
  }
}
