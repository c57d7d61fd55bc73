import type {DatasetInfo} from "../movielens/datasetArtifacts.js";

/**
 * A banner that says which dataset the page uses, with the command to get the real one when it is synthetic. A
 * published workbook without data is its expected state, so it reads as a note, not a warning. `dataset` is the
 * summary's DatasetInfo (summary.json's `dataset`); only its kind and banner are shown.
 */
export function DatasetBanner(dataset: Pick<DatasetInfo, "kind" | "name" | "banner">): HTMLElement {
  const div = document.createElement("div");
  div.className = `dataset-banner ${dataset.kind === "synthetic" ? "tip" : "note"}`;
  div.setAttribute("role", "status");
  div.dataset.kind = dataset.kind;
  // The banner holds code spans like `npm run data:fetch`; render them as <code>, everything else as text.
  dataset.banner.split(/(`[^`]*`)/).forEach((part) => {
    if (part.startsWith("`") && part.endsWith("`") && part.length > 1) {
      const code = div.appendChild(document.createElement("code"));
      code.textContent = part.slice(1, -1);
    } else if (part) {
      div.appendChild(document.createTextNode(part));
    }
  });
  return div;
}
