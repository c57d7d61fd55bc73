import type {StorageProblem} from "../browser/pageStorage.js";

/**
 * What a page that shows a model says when it has none. Where the browser keeps models (`problem` null): train one on
 * the Train a model page, then come back. Where it keeps none (site data blocked, IndexedDB unavailable), a model
 * trained on another page stays in that page, so coming back would show nothing: the page says so, and `here` says
 * what can be done on this page instead, if anything.
 */
export function noModelText(problem: StorageProblem | null, {here = ""}: {here?: string} = {}): string {
  if (!problem) return "No trained model yet: train one on the Train a model page, then come back.";
  return (
    "No model in this page: this browser keeps no models for this site (see the storage note on this page), so a " +
    `model trained on the Train a model page stays in that page.${here ? ` ${here}` : ""}`
  );
}
