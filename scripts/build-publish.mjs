// `npm run build:publish`: a build for a public static host. With real MovieLens data, the loaders write empty
// artifacts (WORKBOOK_PUBLISH=1), so dist/ holds nothing derived from the ratings or movies; visitors load their own
// ml-10m.zip in the browser. With synthetic data, the site is published as it is.
import {execFileSync} from "node:child_process";

// Framework's telemetry would try the network on every build.
const env = {...process.env, WORKBOOK_PUBLISH: "1", OBSERVABLE_TELEMETRY_DISABLE: "true"};
const run = (command, args) => execFileSync(command, args, {stdio: "inherit", env});
try {
  run("node", ["--import", "tsx", "scripts/prepare-data.ts"]);
  run("node_modules/.bin/observable", ["build"]);
  run("node", ["--import", "tsx", "scripts/finish-build.ts"]);
} catch {
  process.exit(1);
}
