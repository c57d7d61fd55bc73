// The site project's global setup: starts building the shared sites (sites.ts) as the run starts, while the unit tests
// run, so that the browser tests find them built instead of waiting for them in turn (on a clean clone, the builds
// were the run's critical path). Builds take the checkout's build lock one at a time, as any test file's do.
import {SITES} from "./sites.js";

export default function setup(): () => Promise<void> {
  const building = (async () => {
    for (const build of [SITES.small, SITES.train, SITES.publish]) await build();
  })();
  // A failed build fails the test files that need it, with its own error; here it is only awaited.
  building.catch(() => {});
  return async () => {
    await building.catch(() => {});
  };
}
