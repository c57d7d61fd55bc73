import {createRandom} from "../random.js";
import {TRAIN_DEFAULTS} from "../trainDefaults.js";

/**
 * One epoch's training batches: a shuffled copy of the rows, cut into `count` full
 * batches (the last partial one dropped).
 */
export interface EpochBatches {
  order: Uint32Array;
  count: number;
  size: number;
  /** The rows of batch b, a view into `order`. */
  batch(b: number): Uint32Array;
}

/** The number of full batches of size bs in n rows. */
export function batchCount(n: number, bs: number): number {
  return Math.floor(n / bs);
}

/** The seed of epoch `epoch`'s shuffle in a run seeded `seed`: each epoch its own order, the same on every resume. */
export function epochSeed(seed: number, epoch: number): number {
  return (seed + Math.imul(epoch + 1, 0x9e3779b1)) | 0;
}

/** Shuffles the training rows for one epoch, seeded by (seed, epoch) so a resumed run sees the same batches. */
export function epochBatches(
  rows: Uint32Array,
  {bs = TRAIN_DEFAULTS.bs, seed = TRAIN_DEFAULTS.seed, epoch = 0}: {bs?: number; seed?: number; epoch?: number} = {}
): EpochBatches {
  if (!(Number.isSafeInteger(bs) && bs >= 1))
    throw new TypeError(`epochBatches: bs must be a positive integer, got ${bs}`);
  const order = Uint32Array.from(rows);
  const random = createRandom(epochSeed(seed, epoch));
  for (let i = order.length - 1; i > 0; --i) {
    const j = random.int(i + 1);
    const t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
  const count = batchCount(order.length, bs);
  return {order, count, size: bs, batch: (b) => order.subarray(b * bs, (b + 1) * bs)};
}
