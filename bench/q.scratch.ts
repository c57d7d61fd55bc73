import {ensureSyntheticSet, readSyntheticTable} from "./syntheticSet.js";
import {SITE_SYNTH} from "../src/components/synth/synthesize.js";
import {splitRows} from "../src/components/split.js";
import {fitIals, ialsScores, IALS_DEFAULTS} from "../src/components/model/ials.js";
import {rankingTask} from "../src/components/model/rankingTask.js";
import {rankingReport} from "../src/components/model/rankingMetrics.js";
const set = await ensureSyntheticSet(SITE_SYNTH, console.error);
const t = await readSyntheticTable(set.dir);
const split = splitRows(t.rating2.length, {seed: 42});
const task = rankingTask(t, split, t.userIds.length, t.movieIds.length, {maxUsers: 1000});
for (const o of [
  {factors: 32, epochs: 6, cgSteps: 3},
  {factors: 32, epochs: 5, cgSteps: 2},
  {factors: 32, epochs: 4, cgSteps: 2},
  {factors: 64, epochs: 8, cgSteps: 3}
]) {
  const t0 = performance.now();
  const m = fitIals(t, t.userIds.length, t.movieIds.length, split.train, {...IALS_DEFAULTS, ...o});
  const s = (performance.now() - t0) / 1000;
  const out = new Float32Array(t.movieIds.length);
  console.log(JSON.stringify(o), s.toFixed(1), rankingReport(task, (u) => ialsScores(m, u, out)).ndcg.toFixed(4));
}
