// What "auto" measured in this browser's visit (issue 25, part 4): kept in the tab's sessionStorage, so that every page
// of the visit starts the backend measured for a model shape instead of measuring again, and stored with the
// browser's facts (its user agent), so that a measure is never reused by another browser. A visit that cannot use
// sessionStorage (site data blocked) measures once per page instead.
import type {AutoMeasure} from "../engine/trainProtocol.js";

/** The sessionStorage key of the measures. */
export const AUTO_MEASURES_KEY = "movielens-workbook:auto-measures";
/** The most shapes kept: the notebook's grid trains five. */
const KEPT = 8;

/** The tab's sessionStorage, or null where the browser refuses it. */
function session(): Storage | null {
  try {
    return globalThis.sessionStorage ?? null;
  } catch {
    return null;
  }
}

/** This browser's facts a measure is kept with: a measure made in another browser (or another version) is not used. */
function browserFacts(): string {
  return globalThis.navigator?.userAgent ?? "";
}

/** The measures kept in this visit, newest first, for this browser; [] when there are none or they cannot be read. */
export function recallAutoMeasures(storage: Storage | null = session()): AutoMeasure[] {
  try {
    const kept = JSON.parse(storage?.getItem(AUTO_MEASURES_KEY) ?? "null") as {
      browser?: unknown;
      measures?: unknown;
    } | null;
    return kept?.browser === browserFacts() && Array.isArray(kept.measures) ? (kept.measures as AutoMeasure[]) : [];
  } catch {
    return [];
  }
}

/** Keeps a new measure for its shape, replacing an older one of that shape; does nothing where storage refuses it. */
export function rememberAutoMeasure(measure: AutoMeasure, storage: Storage | null = session()): void {
  const measures = [measure, ...recallAutoMeasures(storage).filter((m) => m.shape !== measure.shape)].slice(0, KEPT);
  try {
    storage?.setItem(AUTO_MEASURES_KEY, JSON.stringify({browser: browserFacts(), measures}));
  } catch {
    // Full or blocked: the next page measures again.
  }
}
