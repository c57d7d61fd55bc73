import {checkpointActions} from "../browser/checkpointActions.js";
import type {StorageProblem} from "../browser/pageStorage.js";
import {onOtherTabChange} from "../browser/workbookChannel.js";
import type {CheckpointInfo, StoredModel, WorkbookStore} from "../browser/workbookStore.js";
import {announce} from "../ui/announce.js";
import {modelsPage} from "./modelsPage.js";
import {pageValue} from "./pageValue.js";

/** Save and resume's store and what the page follows of it (checkpointShelf). */
export interface CheckpointShelf {
  /** The workbook's store (modelsPage), `problem` saying why it is the page's memory where the browser keeps none. */
  store: WorkbookStore & {problem: StorageProblem | null};
  /** The latest model, read again whenever the lists may have changed (`changed`, or another tab). */
  latest: AsyncGenerator<StoredModel | null>;
  /** The checkpoints kept, read again at the same times. */
  checkpoints: AsyncGenerator<CheckpointInfo[]>;
  /** The last confirmation or error in words ("" at first, and where an earlier one no longer applies). */
  message: AsyncGenerator<string>;
  /** Save, upload, download and delete checkpoints (checkpointActions), each saying what it did through `say`. */
  checkpoint: ReturnType<typeof checkpointActions>;
  /** Sets the message, and says it to a screen reader too (announce). */
  say(text: string): void;
  /** Has the latest model and the checkpoints read again. */
  changed(): void;
}

/**
 * Save and resume's state in one call: the store, opened for the page and closed with it (`invalidation`), the latest
 * model and the checkpoints as generators that a page's top-level variables hold (Framework's Generators.observe),
 * read again after each save, upload, delete or run here and at each change another tab makes, and the page's last
 * message. Only the shelf's own `say` and `changed` move them, in the spirit of Framework's Mutable.
 */
export async function checkpointShelf(
  invalidation: Promise<unknown>,
  {open, confirm}: {open?: Parameters<typeof modelsPage>[1]; confirm?: (question: string) => boolean} = {}
): Promise<CheckpointShelf> {
  const store = await modelsPage(invalidation, open);
  const latest = pageValue(store.getLatest());
  const checkpoints = pageValue(store.listCheckpoints());
  const message = pageValue("");
  const changed = () => {
    latest.set(store.getLatest());
    checkpoints.set(store.listCheckpoints());
  };
  void invalidation.then(onOtherTabChange("models", changed));
  const say = (said: string) => {
    message.set(said);
    if (said) announce(said);
  };
  return {
    store,
    latest: latest.values,
    checkpoints: checkpoints.values,
    message: message.values,
    checkpoint: checkpointActions(store, {say, changed, ...(confirm && {confirm})}),
    say,
    changed
  };
}
