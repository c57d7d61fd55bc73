import type {DatasetInfo} from "../movielens/datasetArtifacts.js";

/**
 * A banner that says which dataset the page uses, with the command to get the real one when it is synthetic (or, on a
 * published site, a link to GroupLens). A
 * published workbook without data is its expected state, so it reads as a note, not a warning. `dataset` is the
 * summary's DatasetInfo (summary.json's `dataset`); only its kind and banner are shown.
 */
export function DatasetBanner(dataset: Pick<DatasetInfo, "kind" | "name" | "banner">): HTMLElement {
  const div = document.createElement("div");
  div.className = `dataset-banner ${dataset.kind === "synthetic" ? "tip" : "note"}`;
  div.setAttribute("role", "status");
  div.dataset.kind = dataset.kind;
  // The banner holds code spans like `npm run data:fetch` and links like [GroupLens](https://…), written as in
  // Markdown: render them as <code> and <a> (https only), everything else as text.
  dataset.banner.split(/(`[^`]*`|\[[^\]]+\]\(https:\/\/[^)\s]+\))/).forEach((part) => {
    const link = /^\[([^\]]+)\]\((https:\/\/[^)\s]+)\)$/.exec(part);
    if (part.startsWith("`") && part.endsWith("`") && part.length > 1) {
      const code = div.appendChild(document.createElement("code"));
      code.textContent = part.slice(1, -1);
    } else if (link) {
      const a = div.appendChild(document.createElement("a"));
      a.href = link[2];
      a.textContent = link[1];
    } else if (part) {
      div.appendChild(document.createTextNode(part));
    }
  });
  return div;
}
