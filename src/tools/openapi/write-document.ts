// Writes the API's OpenAPI document to the path it is given: the worker's app, loaded in
// Node, where the real document generator is (the worker's bundle leaves it out). Run by
// build-assets.
import { writeFileSync } from "node:fs";
import app from "../../api";
import { openApiDocument } from "../../lib/configure-open-api";

const [path] = process.argv.slice(2);
if (!path) throw new Error("usage: write-document.ts <path>");
writeFileSync(path, JSON.stringify(openApiDocument(app)));
