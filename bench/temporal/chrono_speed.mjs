// node chrono_speed.mjs DIR: the same measurement as storyline_tag_speed,
// with chrono-node's English parser (chrono.parse(text, referenceDate)).
import fs from "node:fs";
import path from "node:path";
import * as chrono from "chrono-node";

const dir = process.argv[2];
const docs = [];
let chars = 0;
for (const name of fs.readdirSync(dir)) {
  if (!name.endsWith(".txt")) continue;
  const text = fs.readFileSync(path.join(dir, name), "utf8");
  const dct = fs.readFileSync(path.join(dir, name.replace(/\.txt$/, ".dct")), "utf8").trim();
  docs.push({ text, ref: new Date(dct.slice(0, 10) + "T12:00:00Z") });
  chars += [...text].length;
}
let found = 0, rounds = 0;
const t0 = process.hrtime.bigint();
let secs = 0;
while (secs < 1.0) {
  for (const d of docs) found += chrono.parse(d.text, d.ref).length;
  rounds++;
  secs = Number(process.hrtime.bigint() - t0) / 1e9;
}
console.log([Math.round((chars * rounds) / secs), chars, Math.round(found / rounds), docs.length].join("\t"));
