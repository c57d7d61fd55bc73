import {Generators} from "observablehq:stdlib";
import {checkpointActions} from "../browser/checkpointActions.js";
import type {StorageProblem} from "../browser/pageStorage.js";
import {onOtherTabChange} from "../browser/workbookChannel.js";
import type {CheckpointInfo, StoredModel, WorkbookStore} from "../browser/workbookStore.js";
import {announce} from "../ui/announce.js";
import {modelsPage} from "./modelsPage.js";

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
  const readers = new Set<() => void>();
  const changed = () => readers.forEach((read) => read());
  void invalidation.then(onOtherTabChange("models", changed));
  const follow = <T>(read: () => Promise<T>) =>
    Generators.observe<T>((notify) => {
      const reader = () => notify(read());
      readers.add(reader);
      reader();
      return () => void readers.delete(reader);
    });
  let text = "";
  let tell: ((text: string) => void) | null = null;
  const message = Generators.observe<string>((notify) => {
    tell = notify;
    notify(text);
    return () => void (tell = null);
  });
  const say = (said: string) => {
    text = said;
    tell?.(said);
    if (said) announce(said);
  };
  return {
    store,
    latest: follow(() => store.getLatest()),
    checkpoints: follow(() => store.listCheckpoints()),
    message,
    checkpoint: checkpointActions(store, {say, changed, ...(confirm && {confirm})}),
    say,
    changed
  };
}
