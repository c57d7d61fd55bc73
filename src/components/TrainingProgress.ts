import {formatTime} from "./EpochTable.js";
import type {TrainingState} from "./trainingSession.js";

/** A progress bar for the current epoch, with batches done, ratings per second and the time left, and the backend in use. */
export function TrainingProgress(state: TrainingState): HTMLElement {
  const root = document.createElement("div");
  root.className = `training-progress status-${state.status}`;
  root.dataset.status = state.status;
  if (state.memory) root.dataset.memory = JSON.stringify(state.memory);
  const backend = root.appendChild(document.createElement("p"));
  backend.className = "backend";
  backend.append("Backend: ");
  backend.appendChild(document.createElement("strong")).textContent = state.backend ?? "not started";
  if (state.failures.length) {
    const fell = root.appendChild(document.createElement("p"));
    fell.className = "backend-fallback warning";
    fell.textContent = `Fell back to ${state.backend}: ${state.failures.join("; ")}.`;
  }
  for (const note of state.notes) {
    const p = root.appendChild(document.createElement("p"));
    p.className = "run-note note";
    p.textContent = note;
  }
  const bar = root.appendChild(document.createElement("progress"));
  const p = state.progress;
  bar.max = p?.batches ?? 1;
  bar.value = state.status === "done" ? bar.max : p?.batch ?? 0;
  const text = root.appendChild(document.createElement("p"));
  text.className = "progress-text";
  if (state.status === "error") {
    text.className += " error";
    text.textContent = state.error ?? "Training failed.";
  } else if (p && state.status === "training") {
    text.textContent = `Epoch ${p.epoch}: batch ${p.batch.toLocaleString("en-US")} of ${p.batches.toLocaleString("en-US")} · ${Math.round(p.ratingsPerSecond).toLocaleString("en-US")} ratings/s · about ${formatTime(p.etaSeconds)} left`;
  } else if (state.status === "done" || state.status === "stopped") {
    text.textContent = `${state.status === "done" ? "Done" : "Stopped"} in ${state.seconds.toFixed(1)} s.`;
  } else {
    text.textContent = state.text || "Not started.";
  }
  return root;
}
