import type {StorageProblem} from "../browser/pageStorage.js";
import type {WorkbookStore} from "../browser/workbookStore.js";
import {modelsPage} from "./modelsPage.js";
import {pageValue} from "./pageValue.js";
import {modelChoices, watchStoredModels} from "./recommendViews.js";
import type {ModelChoice, RetrainChanges} from "./recommendViews.js";

/** Recommendations' store and what the page follows of it (recommendShelf). */
export interface RecommendShelf {
  store: WorkbookStore & {problem: StorageProblem | null};
  /** The models the page offers (modelChoices), read again when they change here or in another tab. */
  models: AsyncGenerator<ModelChoice[]>;
  /** What the last retrain changed (null before one). */
  changes: AsyncGenerator<RetrainChanges | null>;
  /** Why the last retrain was refused ("" when it was not). */
  refusal: AsyncGenerator<string>;
  /** Has the models read again. */
  reread(): void;
  showChanges(changes: RetrainChanges): void;
  refuse(text: string): void;
}

/**
 * Recommendations' state in one call: the store, opened for the page and closed with it (`invalidation`), the models
 * it offers, read again when they changed (when this tab is looked at again, or at once when another tab says:
 * watchStoredModels) or when a retrain says so, and what the last retrain changed or why it was refused: generators a
 * page's top-level variables hold (pageValue).
 */
export async function recommendShelf(
  invalidation: Promise<unknown>,
  {open}: {open?: Parameters<typeof modelsPage>[1]} = {}
): Promise<RecommendShelf> {
  const store = await modelsPage(invalidation, open);
  const models = pageValue(modelChoices(store));
  const changes = pageValue<RetrainChanges | null>(null);
  const refusal = pageValue("");
  const reread = () => models.set(modelChoices(store));
  await watchStoredModels(store, reread, invalidation);
  return {
    store,
    models: models.values,
    changes: changes.values,
    refusal: refusal.values,
    reread,
    showChanges: changes.set,
    refuse: refusal.set
  };
}
