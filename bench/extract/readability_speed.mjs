// node readability_speed.mjs DIR: Mozilla Readability 0.6 on linkedom over
// every DIR/*.html (read into memory first), one thread; prints
// "bytes<TAB>seconds<TAB>pages<TAB>failed" like storyline_extract_speed.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseHTML } from "linkedom";
import { Readability } from "@mozilla/readability";

const dir = process.argv[2];
const files = readdirSync(dir).filter((f) => f.endsWith(".html")).sort();
const pages = files.map((f) => readFileSync(join(dir, f), "utf8"));
let bytes = 0;
for (const f of files) bytes += readFileSync(join(dir, f)).length;
let failed = 0;
const t0 = process.hrtime.bigint();
for (const html of pages) {
  try {
    const { document } = parseHTML(html);
    const article = new Readability(document).parse();
    if (!article) failed++;
  } catch (e) {
    failed++;
  }
}
const secs = Number(process.hrtime.bigint() - t0) / 1e9;
console.log(`${bytes}\t${secs.toFixed(4)}\t${pages.length}\t${failed}`);
