// One process, two builds of the same site: the first is cold (WASM loads, empty caches), the second warm.
// Prints one JSON line. Used by bench/site.ts; run alone as `tsx bench/site-build.ts <input> <output>`.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import Eleventy from "@11ty/eleventy";
import tensorpost from "../plugins/index.ts";

const [input, output] = process.argv.slice(2);
const configPath = join(output, "..", "bench.config.mjs");
writeFileSync(configPath, "export default function () {}\n");

async function build(): Promise<number> {
  const elev = new Eleventy(input, output, {
    quietMode: true,
    configPath,
    config(cfg: Parameters<typeof tensorpost>[0]) {
      cfg.addPlugin(tensorpost, { strict: false, timezone: "Asia/Shanghai" });
    },
  });
  const t0 = performance.now();
  await elev.write();
  return performance.now() - t0;
}

const log = console.log;
console.log = () => undefined;
console.warn = () => undefined;
const cold = await build();
const warm = await build();
log(JSON.stringify({ coldMs: cold, warmMs: warm, rssMiB: process.memoryUsage().rss / 2 ** 20 }));
