// npm run build:assets (also run by npm install, npm test and every local stack): see
// src/tools/build-assets.ts.
import { buildAssets } from "../build-assets";
import { runCommand } from "../lib/cli";

runCommand("build:assets", async () => buildAssets());
