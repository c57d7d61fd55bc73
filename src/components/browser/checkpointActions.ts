import type {IalsRanker} from "../model/ials.js";
import {downloadBlob} from "./downloadBlob.js";
import {whileHoldingPageOpen} from "./holdPageOpen.js";
import {defaultCheckpointName} from "./saveRun.js";
import {uploadedCheckpointInfo} from "./uploadedCheckpoint.js";
import type {StorageProblem} from "./pageStorage.js";
import type {CheckpointInfo, WorkbookStore} from "./workbookStore.js";

/** How the checkpoint actions report back to the page: a confirmation or an error in words, and a change to re-read. */
export interface CheckpointActionsOptions {
  say: (text: string) => void;
  changed: () => void;
  /** Asks before a deletion; the browser's confirm dialog by default. */
  confirm?: (question: string) => boolean;
}

/** A file the reader picked: its name and bytes (a File has this shape). */
export interface PickedFile {
  name: string;
  arrayBuffer(): Promise<ArrayBuffer>;
}

/** `name`, else `name (2)`, `name (3)`…: the first that no checkpoint in `taken` is called. */
export function freeName(name: string, taken: ReadonlySet<string>): string {
  if (!taken.has(name)) return name;
  let n = 2;
  while (taken.has(`${name} (${n})`)) ++n;
  return `${name} (${n})`;
}

const sameBytes = (a: ArrayBuffer, b: ArrayBuffer) =>
  a.byteLength === b.byteLength && new Uint8Array(a).every((x, i) => x === new Uint8Array(b)[i]);

/**
 * What the Save and resume page does with checkpoints in the store: keep the latest model under a name, upload a
 * `.ckpt` file, download one, delete one (after asking). Each says what it did, or why it could not, through `say`,
 * and calls `changed` when the list changed. None throws; a checkpoint that is gone (another tab deleted it) is said to
 * be, and the list re-read. Names stay
 * unique, and a model is kept once: the same model saved again under any name (a double click, an upload of a
 * downloaded checkpoint) adds nothing, and another model under a taken name gets the
 * first free `name (2)`, `name (3)`…. Where the store is the page's memory (its `problem` set: the browser keeps no
 * models), what is kept is said to be kept in this page only, never saved.
 */
export function checkpointActions(
  store: WorkbookStore & {problem?: StorageProblem | null},
  {say, changed, confirm = (question) => globalThis.confirm(question)}: CheckpointActionsOptions
) {
  /**
   * Keeps `bytes` as a checkpoint under info.name or a free variant of it, unless that name already holds these bytes;
   * `done` words what was kept ("Saved “x”."), `as` what was kept under another name.
   */
  // One keep at a time, in order, so a second one (a double click) sees what the first kept.
  let queue: Promise<void> = Promise.resolve();
  // The page is held open (holdPageOpen) until the checkpoint is written: leaving at once asks first.
  const keep = (...args: Parameters<typeof keepNow>) =>
    whileHoldingPageOpen(
      () =>
        (queue = queue.then(
          () => keepNow(...args),
          () => keepNow(...args)
        ))
    );
  async function keepNow(
    info: CheckpointInfo,
    bytes: ArrayBuffer,
    done: string,
    as: (name: string) => string,
    ranker: IalsRanker | null = null,
    tell: (text: string) => void = say
  ): Promise<void> {
    const list = await store.listCheckpoints();
    // The same model under any name is not kept twice; only checkpoints of its size are read to compare.
    for (const other of list.filter((c) => c.bytes === bytes.byteLength)) {
      const record = other.id === undefined ? null : await store.getCheckpoint(other.id);
      if (record && sameBytes(record.bytes, bytes))
        return tell(`This model is already saved as “${other.name}”: nothing was added.`);
    }
    const name = freeName(info.name, new Set(list.map((c) => c.name)));
    await store.saveCheckpoint({...info, name}, bytes, ranker);
    // A store in the page's memory (the browser keeps no models) keeps it only until the page is left.
    const where = store.problem ? " It is kept in this page only, until you leave it: download it to keep it." : "";
    tell(`${name === info.name ? done : `${as(name)}: “${info.name}” is another checkpoint's name.`}${where}`);
    changed();
  }
  // A checkpoint this page still lists, which another tab deleted since: said, and the list re-read.
  const gone = () => {
    say("That checkpoint is no longer in this browser: another tab deleted it.");
    changed();
  };
  return {
    /** Saves the latest model as a checkpoint named `name`, or its default name when `name` is empty. */
    async saveLatest(
      latest: {info: CheckpointInfo; bytes: ArrayBuffer; ranker?: IalsRanker | null},
      name: string
    ): Promise<void> {
      try {
        name ||= defaultCheckpointName(latest.info.hyper, latest.info.epochs);
        await keep(
          {...latest.info, name, savedAt: new Date().toISOString()},
          latest.bytes.slice(0),
          `Saved “${name}”.`,
          (as) => `Saved as “${as}”`,
          latest.ranker ?? null
        );
      } catch (error) {
        say(`Could not save the checkpoint: ${(error as Error).message}`);
      }
    },
    /**
     * Adds an uploaded checkpoint file to the list (see uploadedCheckpointInfo), saying what became of it in `tell`
     * (the page's `say` unless given: the upload field says it under itself).
     */
    async upload(file: PickedFile, {tell = say}: {tell?: (text: string) => void} = {}): Promise<void> {
      try {
        const bytes = await file.arrayBuffer();
        await keep(
          uploadedCheckpointInfo(bytes, file.name),
          bytes,
          `Uploaded “${file.name}”.`,
          (as) => `Uploaded “${file.name}” as “${as}”`,
          null,
          tell
        );
      } catch (error) {
        tell(`Could not upload ${file.name}: ${(error as Error).message}`);
      }
    },
    /** Downloads a checkpoint as `<its name, with only letters, digits, ".", "-" and "_">.ckpt`. */
    async download(id: number): Promise<void> {
      const record = await store.getCheckpoint(id);
      if (!record) return gone();
      downloadBlob([record.bytes], `${record.info.name.replace(/[^\w.-]+/g, "_")}.ckpt`, "application/octet-stream");
    },
    /** Deletes a checkpoint once the reader confirms; the list is re-read even when the deletion failed. */
    async remove(id: number): Promise<void> {
      const record = await store.getCheckpoint(id);
      if (!record) return gone();
      if (
        !confirm(
          `Delete the checkpoint “${record.info.name}” from this browser? ` +
            `This cannot be undone (download it first to keep a copy).`
        )
      )
        return;
      try {
        await whileHoldingPageOpen(() => store.deleteCheckpoint(id));
        say(`Deleted “${record.info.name}”.`);
      } catch (error) {
        say(`Could not delete the checkpoint: ${(error as Error).message}`);
      }
      changed();
    }
  };
}
