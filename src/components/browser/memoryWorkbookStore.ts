import type {IalsRanker} from "../model/ials.js";
import {openWorkbookStore} from "./workbookStore.js";
import type {CheckpointInfo, RunRecord, StoredModel, WorkbookStore} from "./workbookStore.js";
import type {StorageProblem} from "./pageStorage.js";

/**
 * The workbook's store in this page's memory: the same runs, checkpoints and latest model as the IndexedDB store
 * (workbookStore.ts), kept only while the page is open. What a page uses where IndexedDB cannot be opened (a Firefox
 * private window throws InvalidStateError; blocked site data, SecurityError), so that training, saving and
 * recommending still work for the visit; `problem` says why, for the page to say so.
 */
export function memoryWorkbookStore(problem: StorageProblem): WorkbookStore & {problem: StorageProblem} {
  const runs: RunRecord[] = [];
  const checkpoints = new Map<number, {info: CheckpointInfo; bytes: ArrayBuffer; ranker: IalsRanker | null}>();
  let latest: StoredModel | null = null;
  let next = 1;
  return {
    problem,
    async putRun(run) {
      const id = runs.length + 1;
      runs.push({...run, id});
      return id;
    },
    listRuns: async () => runs.map((r) => ({...r})),
    async saveCheckpoint(info, bytes, ranker = null) {
      const id = next++;
      checkpoints.set(id, {info: {...info, id}, bytes: bytes.slice(0), ranker});
      return id;
    },
    listCheckpoints: async () => [...checkpoints.values()].map((c) => ({...c.info})),
    getCheckpoint: async (id) => {
      const c = checkpoints.get(id);
      return c ? {info: {...c.info}, bytes: c.bytes.slice(0), ranker: c.ranker} : null;
    },
    async deleteCheckpoint(id) {
      checkpoints.delete(id);
    },
    async setLatest(info, bytes, ranker = null) {
      latest = {info: {...info}, bytes: bytes.slice(0), ranker};
    },
    getLatest: async () => (latest ? {...latest, bytes: latest.bytes.slice(0)} : null),
    async addRanking(runId, latestSavedAt, ranking, ranker) {
      const run = runs.find((r) => r.id === runId);
      if (run) run.ranking = ranking;
      if (latest && latestSavedAt !== null && latest.info.savedAt === latestSavedAt)
        latest = {...latest, info: {...latest.info, ranking}, ranker};
    },
    close: () => {}
  };
}

/**
 * Opens the workbook's IndexedDB store, or, where it cannot be opened (no IndexedDB, a private window, blocked site
 * data), a store in this page's memory with the problem named: `problem` is null for the browser's own store.
 */
export async function openPageWorkbookStore(
  open: () => Promise<WorkbookStore> = () => openWorkbookStore()
): Promise<WorkbookStore & {problem: StorageProblem | null}> {
  try {
    return Object.assign(await open(), {problem: null});
  } catch (error) {
    const name = (error as {name?: string; cause?: {name?: string}}).cause?.name ?? (error as {name?: string}).name;
    return memoryWorkbookStore(name === "SecurityError" ? "blocked" : "unavailable");
  }
}

/**
 * A page's opener of the workbook's store, for pages that open it for each run (Train, the grid): each call opens the
 * IndexedDB store afresh, or, once it cannot be opened, hands out the same store in this page's memory every time
 * (its close does nothing), so the page's runs and checkpoints stay together for the visit.
 */
export function pageWorkbookStores(
  open: () => Promise<WorkbookStore> = () => openWorkbookStore()
): () => Promise<WorkbookStore & {problem: StorageProblem | null}> {
  let memory: (WorkbookStore & {problem: StorageProblem}) | null = null;
  return async () => {
    if (memory) return memory;
    const store = await openPageWorkbookStore(open);
    if (store.problem) memory = store as WorkbookStore & {problem: StorageProblem};
    return store;
  };
}
