import {BACKEND_CHOICES, BATCH_SIZES, LR_CHOICES, SPLIT_CHOICES, WD_CHOICES} from "../model/trainSettings.js";
import {writeFormLink} from "./formLink.js";
import type {LinkField} from "./formLink.js";
import type {RunRecord} from "./workbookStore.js";

/**
 * How the Train page's inputs are kept in its link (formLink.ts): n_factors, epochs and seed as typed, the other
 * settings as one of their choices, and `data`, the catalogue the link was made on (summary.json's `catalogue`).
 */
export const TRAIN_LINK: Record<string, LinkField> = {
  factors: {kind: "text", label: "n_factors"},
  bs: {kind: "choice", label: "batch size", choices: BATCH_SIZES},
  epochs: {kind: "text", label: "epochs"},
  lrMax: {kind: "choice", label: "lr_max", choices: LR_CHOICES},
  wd: {kind: "choice", label: "weight decay", choices: WD_CHOICES},
  backend: {kind: "choice", label: "backend", choices: BACKEND_CHOICES},
  seed: {kind: "text", label: "seed"},
  split: {kind: "choice", label: "validation split", choices: SPLIT_CHOICES},
  data: {kind: "text"}
};

/**
 * The Train page's link with `run`'s settings (and `catalogue`, the dataset it ran on, where known): "train this
 * again" for a run card imported on Compare.
 */
export function trainAgainHref(run: Pick<RunRecord, "hyper">, catalogue: string | null): string {
  const {factors, bs, epochs, lrMax, wd, seed, split} = run.hyper;
  const value = {factors: String(factors), bs, epochs: String(epochs), lrMax, wd, seed: String(seed), split};
  return `./train.html?${writeFormLink(new URLSearchParams(), TRAIN_LINK, {...value, data: catalogue ?? undefined})}`;
}
