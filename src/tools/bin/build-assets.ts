// npm run build:assets (also run by npm install, npm test and every local stack): the static
// files (src/tools/build-assets.ts) and the trimmed zod the worker's bundle takes in place of
// zod's own (src/tools/trimmed-zod.ts).
import { buildAssets } from "../build-assets";
import { runCommand } from "../lib/cli";
import { buildTrimmedZod } from "../trimmed-zod";

runCommand("build:assets", async () => {
	buildAssets();
	await buildTrimmedZod();
});
