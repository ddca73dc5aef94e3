#!/usr/bin/env node
// The one test command: type-check, lint, a strict site build, then every uvu suite, each group in its
// own process. uvu prints no closing line CI can read, so this script sums the groups and ends with
// "N passed, N failed".
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const bin = (name) => join(root, "node_modules", ".bin", name);
let passed = 0;
let failed = 0;
const failures = [];

function run(label, cmd, args, env = {}) {
  const started = Date.now();
  const r = spawnSync(cmd, args, { cwd: root, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, ...env }, encoding: "utf8", maxBuffer: 1 << 28 });
  const out = (r.stdout ?? "") + (r.stderr ?? "");
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  return { ok: r.status === 0, out, secs, label };
}

function check(label, cmd, args, env) {
  const r = run(label, cmd, args, env);
  if (r.ok) passed++;
  else { failed++; failures.push(label); process.stdout.write(r.out); }
  console.log(`${r.ok ? "ok  " : "FAIL"} ${label} (${r.secs}s)`);
}

const only = process.argv.slice(2);
const wants = (name) => only.length === 0 || only.includes(name);

if (wants("typecheck")) check("typecheck (tsc --noEmit)", bin("tsc"), ["--noEmit", "-p", "tsconfig.json"]);
if (wants("lint")) check("lint (eslint)", bin("eslint"), ["."]);
if (wants("build") && existsSync(join(root, "core", "assembly"))) check("core wasm build (asc)", "node", [join(root, "scripts", "build-core.mjs")]);
// The test build trains the text models at their `quick` budgets (a cold CI machine trains everything;
// the image and iris models have no quick budget and train at parity). Set TENSORPOST_MODEL_BUDGET to
// choose otherwise, e.g. `parity`; `npm run build` trains the site's own budgets (parity).
const modelBudget = process.env.TENSORPOST_MODEL_BUDGET || "quick";
if (wants("build")) check(`strict site build (models: ${modelBudget})`, bin("tsx"), [join(root, "node_modules/@11ty/eleventy/cmd.cjs"), "--quiet"], { TENSORPOST_STRICT: "1", TENSORPOST_MODEL_BUDGET: modelBudget });

// Each folder under test/ is one uvu group; the folder name selects it on the command line.
const groups = readdirSync(join(root, "test"), { withFileTypes: true })
  .filter((d) => d.isDirectory() && !["fixtures", "artifacts", "helpers"].includes(d.name))
  .map((d) => d.name)
  .sort();
for (const group of groups) {
  if (!wants(group)) continue;
  const r = run(group, bin("tsx"), [join(root, "node_modules/uvu/bin.js"), join("test", group), "\\.test\\.ts$", "-c", "false"]);
  const total = Number(/Total:\s+(\d+)/.exec(r.out)?.[1] ?? 0);
  const ok = Number(/Passed:\s+(\d+)/.exec(r.out)?.[1] ?? 0);
  const skipped = Number(/Skipped:\s+(\d+)/.exec(r.out)?.[1] ?? 0);
  // A crash before uvu's summary counts as one failure so it can never pass silently.
  const bad = total - ok - skipped + (r.ok || total > 0 ? 0 : 1) + (!r.ok && total === ok ? 1 : 0);
  passed += ok;
  failed += bad;
  if (bad > 0 || !r.ok) { failures.push(group); process.stdout.write(r.out); }
  else process.stdout.write(r.out.split("\n").filter((l) => /skip|SKIP/.test(l)).join("\n"));
  console.log(`${bad === 0 ? "ok  " : "FAIL"} test/${group}: ${ok}/${total} passed (${r.secs}s)`);
}

if (failures.length) console.log(`\nfailed: ${failures.join(", ")}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
