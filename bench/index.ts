// `npm run bench [-- suite…]`: runs the named suites (all when none is named), prints their figures and
// writes bench/results/<suite>.json. Suites compare against peers measured in the same run.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { machineLine } from "./machine.ts";

type Suite = () => Promise<unknown>;

const suites: Record<string, () => Promise<Suite>> = {
  site: async () => (await import("./site.ts")).benchSite,
  graphviz: async () => (await import("./graphviz.ts")).benchGraphviz,
  ngram: async () => (await import("./ngram.ts")).benchNgram,
  core: async () => (await import("./core.ts")).benchCore,
  zoo: async () => (await import("./zoo.ts")).benchZoo,
  demos: async () => (await import("./demos.ts")).benchDemos,
};

const asked = process.argv.slice(2).filter((a) => !a.startsWith("-"));
const unknown = asked.filter((a) => !(a in suites));
if (unknown.length) {
  console.error(`unknown bench suite(s): ${unknown.join(", ")}; known: ${Object.keys(suites).join(", ")}`);
  process.exit(2);
}
const names = asked.length ? asked : Object.keys(suites);
const resultsDir = join(new URL(".", import.meta.url).pathname, "results");
mkdirSync(resultsDir, { recursive: true });
console.log(`machine: ${machineLine()}`);
for (const name of names) {
  console.log(`\n== ${name} ==`);
  const run = await (await suites[name]())();
  const record = typeof run === "object" && run !== null && "machine" in run ? run : { machine: machineLine(), ...(run as object) };
  writeFileSync(join(resultsDir, `${name}.json`), JSON.stringify(record, null, 2) + "\n");
  if (!(typeof run === "object" && run !== null && "printed" in run)) console.table(run);
}
