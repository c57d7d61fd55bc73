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
 * A value read from the store, followed by a page's cells (pageValue), and `reread`, which reads it again and changes
 * the value only when what `key` says of it changed: a view that shows the same thing is not drawn again, and keeps
 * the focus and the field a reader was in. A read that fails is the value's failure, for the cell to show (the
 * store's message asks for a reload: a generator that failed is followed no more).
 */
function followStore<T>(read: () => Promise<T>, key: (value: T) => string) {
  let last: string | null = null;
  const keep = (value: T) => ((last = key(value)), value);
  const value = pageValue(read().then(keep));
  const reread = () =>
    void read().then(
      (now) => key(now) !== last && value.set(keep(now)),
      (error: unknown) => value.set(Promise.reject(error as Error))
    );
  return {values: value.values, reread};
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
  const latest = followStore(
    () => store.getLatest(),
    (model) => (model ? `${model.info.savedAt} ${model.info.name} ${model.bytes.byteLength}` : "none")
  );
  const checkpoints = followStore(
    () => store.listCheckpoints(),
    (list) => JSON.stringify(list.map((c) => [c.id, c.name, c.savedAt]))
  );
  const message = pageValue("");
  const changed = () => {
    latest.reread();
    checkpoints.reread();
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
