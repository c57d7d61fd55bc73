// The engine benches' one table: every set and engine side by side, in Markdown.
import type {BenchSet} from "./benchOptions.js";
import type {EngineTiming, TimeEngineOptions} from "./timeEngine.js";

/** One line of the table: an engine on a set, timed, or why it was not. */
export interface EngineRow {
  /** The set's label (BenchSet.label). */
  set: string;
  /** The engine and the step it ran, as the table names them: "webgpu: fused WGSL step", "wasm: host JS"… */
  engine: string;
  /** The set's noise floor (SynthMeta.noiseFloorMse), in stars². */
  noiseFloorMse: number;
  timing?: EngineTiming;
  /** Why there is no timing: skipped (no adapter) or failed, in a few words. */
  failed?: string;
}

const cell = (text: string, width: number) => text.padStart(width);

/**
 * The rows as a Markdown table, one line each: seconds per epoch (an estimate, "~", when the run stopped early), ms
 * per step, valid MSE and how far it is above the noise floor, predict ms, and how many times the set's fastest
 * engine the epoch took ("×fastest").
 */
export function engineTable(rows: EngineRow[]): string[] {
  // The engine column is as wide as its longest name (13 at least): every row names the step it ran in full.
  const width = Math.max(13, ...rows.map((r) => r.engine.length));
  const lines = [
    `| set         | ${"engine".padEnd(width)} |  s/epoch | ×fastest | ms/step | valid MSE | noise floor | ` +
      "vs floor | predict ms |",
    `| ----------- | ${"-".repeat(width)} | -------- | -------- | ------- | --------- | ----------- | -------- | ` +
      "---------- |"
  ];
  for (const {set, engine, noiseFloorMse, timing: t, failed} of rows) {
    const head = `| ${set.padEnd(11)} | ${engine.padEnd(width)} |`;
    if (!t) {
      lines.push(`${head} ${failed ?? "no timing"} |`);
      continue;
    }
    const fastest = Math.min(...rows.filter((r) => r.set === set && r.timing).map((r) => r.timing!.secondsPerEpoch));
    const mse =
      t.validMse === null
        ? `(${t.steps} of ${t.stepsPerEpoch} steps timed)`
        : `${t.validMse.toFixed(4)} | ${noiseFloorMse.toFixed(4)} | ` +
          `${t.validMse >= noiseFloorMse ? "+" : ""}${((t.validMse / noiseFloorMse - 1) * 100).toFixed(1)}%`;
    const seconds = t.secondsPerEpoch.toFixed(t.secondsPerEpoch < 100 ? 2 : 0);
    const epoch = `${t.estimated ? "~" : ""}${seconds}`;
    const times = t.secondsPerEpoch / fastest;
    lines.push(
      `${head} ${cell(epoch, 8)} | ${cell(`${times < 10 ? times.toFixed(1) : times.toFixed(0)}×`, 8)} ` +
        `| ${cell(t.msPerStep.toFixed(2), 7)} | ${t.validMse === null ? `${mse} | |` : mse} | ` +
        `${cell(t.predictMs.toFixed(1), 10)} |`
    );
  }
  return lines;
}

/**
 * The lines above the table: the run's settings, each set's shape,
 * and what the columns measure ("~" only when a row has it).
 */
export function tableLegend(sets: BenchSet[], o: Omit<TimeEngineOptions, "path">, rows: EngineRow[]): string[] {
  const estimated = rows.some((r) => r.timing?.estimated);
  return [
    `${o.factors} factors, bs ${o.bs}, lr_max ${o.lrMax}, wd ${o.wd}, ${o.epochs} epoch(s); sets: ` +
      sets
        .map(
          ({label, shape}) =>
            `${label} = ${shape.ratings.toLocaleString("en-US")} ratings, ${shape.users} users, ${shape.movies} movies`
        )
        .join("; "),
    `s/epoch: fit's own epoch time, ` +
      `validation included${estimated ? `; "~": estimated from the ops path's first ${o.maxSteps} steps` : ""}; ` +
      `ms/step: the training steps alone`,
    ""
  ];
}
