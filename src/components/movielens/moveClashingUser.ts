import {MY_USER_ID} from "./myRatingsFile.js";
import type {RatingColumns} from "./parseRatings.js";

/**
 * my_ratings.dat appends my ratings as user 99999 (MY_USER_ID), which the larger releases already have (ML-20M, 25M
 * and 32M number their users 1…N). So a release's own user 99999 is renumbered, in place, to the first id above its
 * highest, and that id is returned; null when the release has no user 99999 (nothing changes). The ids stay below
 * 1e9, so they fit the Int32 columns.
 */
export function moveClashingUser(ratings: RatingColumns): number | null {
  const {userId} = ratings;
  let max = 0;
  let clash = false;
  for (let i = 0; i < userId.length; ++i) {
    const u = userId[i];
    if (u > max) max = u;
    if (u === MY_USER_ID) clash = true;
  }
  if (!clash) return null;
  const free = max + 1;
  for (let i = 0; i < userId.length; ++i) if (userId[i] === MY_USER_ID) userId[i] = free;
  return free;
}

/** The sentence a banner adds when moveClashingUser renumbered the release's user 99999. */
export function movedUserNote(movedTo: number): string {
  return `Its own user ${MY_USER_ID} is user ${movedTo} here, since ${MY_USER_ID} is you (my_ratings.dat).`;
}
