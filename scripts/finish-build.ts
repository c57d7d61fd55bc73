// The last step of `npm run build` and `npm run build:publish`: see scripts/lib/finishBuild.ts.
import {finishBuild} from "./lib/finishBuild.js";

await finishBuild(process.env.WORKBOOK_OUTPUT ?? "dist");
