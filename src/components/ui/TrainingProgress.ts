import {announce} from "./announce.js";
import {formatTime} from "./EpochTable.js";
import type {BackendName, BackendSkip, BackendTiming} from "../engine/trainProtocol.js";
import type {TrainingState} from "../browser/trainingSession.js";

const NAMES: Record<BackendName, string> = {
  webgpu: "WebGPU",
  webgl: "WebGL",
  wasm: "WebAssembly",
  cpu: "plain JavaScript"
};

const list = (names: string[]) =>
  names.length < 2 ? names.join("") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;

/**
 * Why training uses the backend it does, in plain words, when "auto" passed over others. Skipping a GPU that is missing
 * or runs on the CPU is expected, so it is calm; a backend that failed to start is not.
 * Null when nothing was passed over.
 */
export function backendNote(
  backend: BackendName,
  skipped: readonly BackendSkip[]
): {text: string; calm: boolean} | null {
  if (!skipped.length) return null;
  const names = (why: BackendSkip["why"]) => skipped.filter((s) => s.why === why).map((s) => NAMES[s.backend]);
  const software = names("software"),
    missing = names("missing"),
    failed = names("failed");
  const reasons = [
    ...(software.length
      ? [
          `your browser's ${list(software)} ${software.length > 1 ? "run" : "runs"} on ` +
            `the CPU here (a software renderer)`
        ]
      : []),
    ...(missing.length ? [`this browser offers no ${list(missing)}`] : []),
    ...(failed.length ? [`${list(failed)} could not start`] : [])
  ];
  const faster =
    software.length && (backend === "wasm" || backend === "cpu") && !failed.length ? ", which is faster" : "";
  const text = `${reasons.join("; ")}, so training uses ${NAMES[backend]}${faster}.`;
  return {text: text[0].toUpperCase() + text.slice(1), calm: failed.length === 0};
}

const rate = new Intl.NumberFormat("en-US", {notation: "compact", maximumSignificantDigits: 2});

/**
 * What "auto" measured, in one calm line: each backend it timed, fastest first, in ratings per second (a software GPU
 * marked as such), the seconds the measuring took, when, and the backend chosen; and, where this run kept an earlier
 * measure of the same model shape instead of measuring again, that it did. E.g. "Auto measured wasm 410K ratings/s and
 * webgpu 85K ratings/s (software GPU) in 1.2 s at 07:12: training on wasm." Null without timings.
 */
export function measuredNote(
  backend: BackendName,
  timings: readonly BackendTiming[] | null,
  seconds: number | null = null,
  {measuredAt = null, kept = false}: {measuredAt?: number | null; kept?: boolean} = {}
): string | null {
  if (!timings?.length) return null;
  const measured = [...timings]
    .sort((a, b) => b.ratingsPerSecond - a.ratingsPerSecond)
    .map((t) => `${t.backend} ${rate.format(t.ratingsPerSecond)} ratings/s${t.software ? " (software GPU)" : ""}`);
  const took = seconds === null ? "" : ` in ${seconds.toFixed(1)} s`;
  // The local time as hours and minutes, the same in every browser (locales differ in their spaces and marks).
  const clock = (d: Date) => `${String(d.getHours()).padStart(2, "0")}:${String(d.getMinutes()).padStart(2, "0")}`;
  const when = measuredAt === null ? "" : ` at ${clock(new Date(measuredAt))}`;
  return kept
    ? `Auto measured ${list(measured)}${took}${when} for this model's shape, and keeps that choice for the rest of ` +
        `this visit: training on ${backend}.`
    : `Auto measured ${list(measured)}${took}${when}: training on ${backend}.`;
}

/**
 * A progress bar for the current epoch, with batches done, ratings per second and the time left,
 * and the backend in use.
 */
export function TrainingProgress(state: TrainingState): HTMLElement {
  const root = document.createElement("div");
  root.className = `training-progress status-${state.status}`;
  root.dataset.status = state.status;
  if (state.memory) root.dataset.memory = JSON.stringify(state.memory);
  // The worker's own clock, in seconds, for benchmarks (the epoch table shows whole seconds): each epoch,
  // and the run from request to done.
  if (state.rows.length) root.dataset.epochSeconds = JSON.stringify(state.rows.map((r) => +r.seconds.toFixed(4)));
  if (state.seconds) root.dataset.runSeconds = state.seconds.toFixed(2);
  const backend = root.appendChild(document.createElement("p"));
  backend.className = "backend";
  backend.append("Backend: ");
  backend.appendChild(document.createElement("strong")).textContent = state.backend ?? "not started";
  const measured =
    state.backend &&
    measuredNote(state.backend, state.timings, state.calibrationSeconds, {
      measuredAt: state.measuredAt,
      kept: state.measureKept
    });
  if (measured) {
    const line = root.appendChild(document.createElement("p"));
    line.className = "backend-measured";
    line.textContent = measured;
  }
  const note = state.backend && backendNote(state.backend, state.skipped);
  if (note) {
    // The plain sentence, with the drivers' own words a click away.
    const fell = root.appendChild(document.createElement("details"));
    fell.className = `backend-fallback ${note.calm ? "calm" : "failed"}`;
    fell.appendChild(document.createElement("summary")).textContent = note.text;
    const reasons = fell.appendChild(document.createElement("ul"));
    for (const s of state.skipped)
      reasons.appendChild(document.createElement("li")).textContent =
        `${s.backend}: ${s.why === "failed" ? "" : "skipped, "}${s.detail}`;
  }
  for (const note of state.notes) {
    const p = root.appendChild(document.createElement("p"));
    p.className = "run-note note";
    p.textContent = note;
  }
  const bar = root.appendChild(document.createElement("progress"));
  const p = state.progress;
  bar.max = p?.batches ?? 1;
  bar.value = state.status === "done" ? bar.max : (p?.batch ?? 0);
  // indeterminate: the epochs are done, the ranking has no batches
  if (state.status === "finishing") bar.removeAttribute("value");
  const text = root.appendChild(document.createElement("p"));
  text.className = "progress-text";
  if (state.status === "error") {
    text.className += " error";
    text.textContent = state.error ?? "Training failed.";
  } else if (p && state.status === "training") {
    text.textContent = [
      `Epoch ${p.epoch}: batch ${p.batch.toLocaleString("en-US")} of ${p.batches.toLocaleString("en-US")}`,
      ...(p.ratingsPerSecond === null ? [] : [`${Math.round(p.ratingsPerSecond).toLocaleString("en-US")} ratings/s`]),
      ...(p.etaSeconds === null ? [] : [`about ${formatTime(p.etaSeconds)} left`])
    ].join(" · ");
  } else if (state.status === "finishing") {
    // What became of the run: kept the moment training ended (trainAndSave), before its ranking is measured.
    text.textContent =
      state.kept === "kept"
        ? `${state.text} The run is kept (see below); leaving now skips only the measuring of its ranking.`
        : state.kept === "failed"
          ? `${state.text} The run could not be saved (see below why).`
          : `${state.text} The epochs are done; stay on this page a moment, until the run is saved.`;
  } else if (state.status === "stopped" && state.rows.length === 0) {
    // Stopped while measuring the backends or in the first epoch: say what happened to the work.
    text.textContent = `Stopped after ${state.seconds.toFixed(1)} s, before the first epoch ended: nothing was kept.`;
  } else if (state.status === "done" || state.status === "stopped") {
    text.textContent = `${state.status === "done" ? "Done" : "Stopped"} in ${state.seconds.toFixed(1)} s.`;
  } else {
    text.textContent = state.text || "Not started.";
  }
  return root;
}

/**
 * What a screen reader should hear when the training state goes from `prev` to `next` (announce's status message), or
 * null when nothing worth saying changed: a run starting, each epoch's end, the end of training, the run kept, and how
 * the run ended. The batches are left to the progress bar.
 */
export function trainingAnnouncement(prev: TrainingState, next: TrainingState): string | null {
  if (next.status !== prev.status) {
    switch (next.status) {
      case "loading":
        return "Starting the run.";
      case "training":
        return next.backend ? `Training on ${next.backend}.` : "Training.";
      case "finishing":
        return "The epochs are done: keeping the run, then measuring its ranking.";
      case "done":
        return `Done in ${next.seconds.toFixed(1)} s.`;
      case "stopped":
        return next.rows.length ? `Stopped in ${next.seconds.toFixed(1)} s.` : "Stopped before the first epoch ended.";
      case "error":
        return next.error;
      default:
        return null;
    }
  }
  if (next.kept !== prev.kept && next.kept)
    return next.kept === "kept" ? "The run is kept." : "The run could not be saved.";
  if (next.rows.length > prev.rows.length && next.status === "training") {
    const row = next.rows.at(-1)!;
    return `Epoch ${row.epoch} done: valid_loss ${row.validLoss.toFixed(4)}.`;
  }
  return null;
}

/** Says a session's changes to a screen reader as they happen (trainingAnnouncement); returns the unsubscribe. */
export function announceTraining(session: {
  subscribe(listener: (state: TrainingState) => void): () => void;
}): () => void {
  let prev: TrainingState | null = null;
  return session.subscribe((next) => {
    const text = prev && trainingAnnouncement(prev, next);
    prev = next;
    if (text) announce(text);
  });
}
