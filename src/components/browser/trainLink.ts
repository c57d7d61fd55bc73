import {BACKEND_CHOICES, BATCH_SIZES, LR_CHOICES, SPLIT_CHOICES, WD_CHOICES} from "../model/trainSettings.js";
import type {LinkField} from "./formLink.js";

/**
 * How the Train page's inputs are kept in its link (formLink.ts): n_factors, epochs and seed as typed, the other
 * settings as one of their choices, and `data`, the catalogue the link was made on (summary.json's `catalogue`).
 */
export const TRAIN_LINK: Record<string, LinkField> = {
  factors: {kind: "text"},
  bs: {kind: "choice", label: "batch size", choices: BATCH_SIZES},
  epochs: {kind: "text"},
  lrMax: {kind: "choice", label: "lr_max", choices: LR_CHOICES},
  wd: {kind: "choice", label: "weight decay", choices: WD_CHOICES},
  backend: {kind: "choice", label: "backend", choices: BACKEND_CHOICES},
  seed: {kind: "text"},
  split: {kind: "choice", label: "validation split", choices: SPLIT_CHOICES},
  data: {kind: "text"}
};
