import {ML100K_GENRES} from "../../src/components/movielens/parseUItem.js";

/**
 * ML-100K's u.genre as the release lays it out (`name|index` lines, then a blank line), written from the README's
 * genre list at test time: the release's own file is not committed (the MovieLens licence forbids redistribution).
 */
export const U_GENRE = new TextEncoder().encode(`${ML100K_GENRES.map((g, i) => `${g}|${i}`).join("\n")}\n\n`);
