// @vitest-environment jsdom
import {describe, expect, it} from "vitest";
import type {TrainingSession, TrainingState} from "../../src/components/browser/trainingSession.js";
import type {WorkbookStore} from "../../src/components/browser/workbookStore.js";
import {checkpointResumer} from "../../src/components/page/checkpointResumer.js";

/** A session whose status a test sets, telling its subscribers as the real one does. */
function fakeSession() {
  const listeners = new Set<(state: TrainingState) => void>();
  const session = {
    state: {status: "idle"} as TrainingState,
    stop: () => {},
    subscribe(listener: (state: TrainingState) => void) {
      listeners.add(listener);
      listener(session.state);
      return () => void listeners.delete(listener);
    }
  };
  const set = (status: TrainingState["status"]) => {
    session.state = {...session.state, status};
    listeners.forEach((listener) => listener(session.state));
  };
  return {session: session as unknown as TrainingSession, set, listeners};
}

describe("checkpointResumer(data, {mine, shelf, invalidation, training})", () => {
  it("shows the form and Stop (on while a run can stop), and resumes as the form says, through the shelf", async () => {
    const {session, set, listeners} = fakeSession();
    let end!: () => void;
    const invalidation = new Promise<void>((resolve) => (end = resolve));
    const states = (async function* () {})();
    const training = async () => ({session, trainingData: {} as never, states});
    const said: string[] = [];
    const shelf = {
      store: {problem: null, getCheckpoint: async () => null} as unknown as WorkbookStore & {problem: null},
      say: (text: string) => void said.push(text),
      changed: () => {}
    };
    const data = {summary: {}, stored: null} as never;
    const resumer = await checkpointResumer(data, {mine: {read: () => []}, shelf, invalidation, training});
    expect(resumer.states).toBe(states);
    const stop = () => resumer.controls.querySelector<HTMLButtonElement>("button")!;
    expect(stop().textContent).toBe("Stop");
    expect(stop().disabled).toBe(true);
    set("training");
    expect(stop().disabled).toBe(false);
    // A run in progress: refused in words.
    await resumer.resume(4);
    expect(said).toEqual(["A run is in progress: wait for it, or stop it, first."]);
    set("done");
    expect(stop().disabled).toBe(true);
    // Epochs the form cannot train: refused, naming the range.
    const epochs = resumer.controls.querySelector<HTMLInputElement>("input[type=number]")!;
    epochs.value = "0";
    epochs.dispatchEvent(new Event("input", {bubbles: true}));
    await resumer.resume(4);
    expect(said.at(-1)).toBe("More epochs must be a whole number from 1 to 100: nothing was trained.");
    end();
    await invalidation;
    expect(listeners.size).toBe(0);
  });
});
