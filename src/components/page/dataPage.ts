import {loadWorkbookData} from "../browser/workbookData.js";
import type {WorkbookData} from "../browser/workbookData.js";
import {DatasetBanner} from "../ui/DatasetBanner.js";
import {DatasetLoader} from "../ui/DatasetLoader.js";
import {hasNoData} from "../ui/NoData.js";
import {WORKBOOK_FILES} from "./workbookFiles.js";
import type {BuildFile, WorkbookFile} from "./workbookFiles.js";

/** A page's data, and the views every page opens with. */
export interface DataPage {
  data: WorkbookData;
  /**
   * The banner that names the dataset in use and the loader ("Load MovieLens from your computer", or "Forget this
   * data"), in one element for the page to display where it opens.
   */
  header: HTMLElement;
  /** Whether there are no ratings at all (hasNoData): a published workbook before a visitor loads MovieLens. */
  noData: boolean;
}

/**
 * A page's data in one call: the visitor's stored dataset when they loaded one in this browser, else the build's files
 * (the summary always, and the `needs` the page reads: movies, histogram, ratings), with the banner and the loader
 * every page opens with. `files` are the build's files (WORKBOOK_FILES; tests pass their own).
 */
export async function dataPage(
  needs: readonly WorkbookFile[] = [],
  files: Record<"summary" | "importWorker" | WorkbookFile, () => BuildFile> = WORKBOOK_FILES
): Promise<DataPage> {
  const data = await loadWorkbookData({
    summary: files.summary(),
    ...Object.fromEntries(needs.map((name) => [name, files[name]()]))
  });
  const header = document.createElement("div");
  header.className = "dataset-header";
  header.append(
    DatasetBanner(data.summary.dataset),
    DatasetLoader(data, {workerUrl: await files.importWorker().url()})
  );
  return {data, header, noData: hasNoData(data.summary)};
}
