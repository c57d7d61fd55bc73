import type {StoredModel, WorkbookStore} from "./workbookStore.js";

/**
 * Whether the model a page shows (`shown`: the latest model, or checkpoint `key`, as the page read it) is still the one
 * stored: another tab may have trained a new latest model, or deleted the checkpoint, since. Returns why an action on
 * it (a retrain, a resume) must be refused, in words, or null when the page's view is current.
 */
export async function staleModel(
  store: Pick<WorkbookStore, "getLatest" | "getCheckpoint">,
  key: "latest" | number,
  shown: Pick<StoredModel, "info"> | null
): Promise<string | null> {
  if (!shown) return null;
  const now = key === "latest" ? await store.getLatest() : await store.getCheckpoint(key);
  if (!now)
    return key === "latest"
      ? "The latest model is no longer in this browser (another tab removed it): nothing was trained."
      : `The checkpoint “${shown.info.name}” is no longer in this browser (another tab deleted it): ` +
          "nothing was trained.";
  if (now.info.savedAt !== shown.info.savedAt)
    return (
      "Another tab trained a new latest model since this page showed it: nothing was trained. The page now shows " +
      "the new model; retrain again to retrain it."
    );
  return null;
}
