import {Generators} from "observablehq:stdlib";
import {otherTabChanges} from "../browser/workbookChannel.js";
import {openPageWorkbookStore, pageWorkbookStores} from "../browser/memoryWorkbookStore.js";
import type {WorkbookStore} from "../browser/workbookStore.js";
import type {StorageProblem} from "../browser/pageStorage.js";

/**
 * The workbook's store of runs, checkpoints and the latest model, for a page, in one call: opened (in the page's
 * memory where the browser keeps none, with why in `problem`), and closed when the page's cell ends (`invalidation`).
 */
export async function modelsPage(
  invalidation: Promise<unknown>,
  open: () => Promise<WorkbookStore & {problem: StorageProblem | null}> = () => openPageWorkbookStore()
): Promise<WorkbookStore & {problem: StorageProblem | null}> {
  const store = await open();
  void invalidation.then(() => store.close());
  return store;
}

/**
 * How the Train page keeps its runs: each run opens the store for itself (`openWorkbookStore`), and where the browser
 * keeps none, every run shares one in the page's memory; `problem` says why, read once as the page opens.
 */
export async function modelStores(open?: () => Promise<WorkbookStore>): Promise<{
  openWorkbookStore: () => Promise<WorkbookStore & {problem: StorageProblem | null}>;
  problem: StorageProblem | null;
}> {
  const openWorkbookStore = pageWorkbookStores(open);
  const probe = await openWorkbookStore();
  if (!probe.problem) probe.close();
  return {openWorkbookStore, problem: probe.problem};
}

/**
 * What `read` makes of the workbook's store now, and again whenever another tab trains, saves or deletes a model
 * (`changes`, otherTabChanges's by default): a generator that a page's top-level variable holds, so that the cells
 * reading that variable follow the models (Framework's Generators.observe, which also stops listening when the cell
 * ends).
 */
export function followModels<T>(
  read: () => Promise<T>,
  changes: (notify: (value: number) => void) => () => void = otherTabChanges("models")
): AsyncGenerator<T> {
  return Generators.observe<T>((notify) => changes(() => notify(read())));
}
