import {downloadBlob} from "./downloadBlob.js";
import {defaultCheckpointName} from "./recordRun.js";
import {uploadedCheckpointInfo} from "./uploadedCheckpoint.js";
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

/**
 * What the Save and resume page does with checkpoints in the store: keep the latest model under a name, upload a
 * `.ckpt` file, download one, delete one (after asking). Each says what it did, or why it could not, through `say`,
 * and calls `changed` when the list changed. None throws; a checkpoint id that is gone does nothing.
 */
export function checkpointActions(store: WorkbookStore, {say, changed, confirm = (question) => globalThis.confirm(question)}: CheckpointActionsOptions) {
  return {
    /** Saves the latest model as a checkpoint named `name`, or its default name when `name` is empty. */
    async saveLatest(latest: {info: CheckpointInfo; bytes: ArrayBuffer}, name: string): Promise<void> {
      try {
        name ||= defaultCheckpointName(latest.info.hyper, latest.info.epochs);
        await store.saveCheckpoint({...latest.info, name, savedAt: new Date().toISOString()}, latest.bytes.slice(0));
        say(`Saved “${name}”.`);
        changed();
      } catch (error) {
        say(`Could not save the checkpoint: ${(error as Error).message}`);
      }
    },
    /** Adds an uploaded checkpoint file to the list (see uploadedCheckpointInfo). */
    async upload(file: PickedFile): Promise<void> {
      try {
        const bytes = await file.arrayBuffer();
        await store.saveCheckpoint(uploadedCheckpointInfo(bytes, file.name), bytes);
        say(`Uploaded “${file.name}”.`);
        changed();
      } catch (error) {
        say(`Could not upload ${file.name}: ${(error as Error).message}`);
      }
    },
    /** Downloads a checkpoint as `<its name, with only letters, digits, ".", "-" and "_">.ckpt`. */
    async download(id: number): Promise<void> {
      const record = await store.getCheckpoint(id);
      if (!record) return;
      downloadBlob([record.bytes], `${record.info.name.replace(/[^\w.-]+/g, "_")}.ckpt`, "application/octet-stream");
    },
    /** Deletes a checkpoint once the reader confirms; the list is re-read even when the deletion failed. */
    async remove(id: number): Promise<void> {
      const record = await store.getCheckpoint(id);
      if (!record || !confirm(`Delete the checkpoint “${record.info.name}” from this browser? This cannot be undone (download it first to keep a copy).`)) return;
      try {
        await store.deleteCheckpoint(id);
        say(`Deleted “${record.info.name}”.`);
      } catch (error) {
        say(`Could not delete the checkpoint: ${(error as Error).message}`);
      }
      changed();
    }
  };
}
