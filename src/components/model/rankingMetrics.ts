// The shapes of a run's ranking evaluation (issue 14, parts 1, 2 and 4). This file holds the types only; the metrics
// themselves come with them from the `metrics` branch, which replaces this file when the two are merged.

/** Top-k ranking metrics on held-out ratings: k, the relevance threshold in stars, and the users measured. */
export interface RankingReport {k: number; threshold: number; users: number; precision: number; recall: number; ndcg: number; map: number; coverage: number; novelty: number}

/** A run's ranking evaluation: its split, MSE and RMSE, and the model's report beside the three baselines'. */
export interface RunRanking {split: "random" | "time"; mse: number; rmse: number; model: RankingReport; baselines: {popular: RankingReport; dampedMean: RankingReport; biasOnly: RankingReport}}
