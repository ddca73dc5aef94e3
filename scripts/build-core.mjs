#!/usr/bin/env node
// Compiles core/assembly (AssemblyScript) to core/build/*.wasm. Idempotent: a variant is rebuilt only
// when a source under core/assembly or this script is newer than its output (`--force` rebuilds).
//
//   kernels.wasm          SIMD128, imported (non-shared) growable memory        — the default
//   kernels-shared.wasm   same code, imported *shared* memory (threads build)    — core/src/threads.ts
// (No relaxed-SIMD variant: Node 20 validates relaxed SIMD only behind --experimental-wasm-relaxed-simd.)
import { spawn } from "node:child_process";
import { mkdirSync, readdirSync, statSync, existsSync } from "node:fs";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const src = join(root, "core", "assembly");
const out = join(root, "core", "build");
const asc = join(root, "node_modules", "assemblyscript", "bin", "asc.js");
const force = process.argv.includes("--force");

const common = ["--enable", "simd", "-O3", "--runtime", "stub", "--use", "abort=", "--importMemory", "--initialMemory", "2", "--noAssert"];
const variants = [
  { file: "kernels.wasm", args: [] },
  { file: "kernels-shared.wasm", args: ["--enable", "threads", "--sharedMemory", "--maximumMemory", "32768"] },
];

function newestSource(dir) {
  let t = statSync(new URL(import.meta.url).pathname).mtimeMs;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newestSource(p) : statSync(p).mtimeMs);
  }
  return t;
}

function compile(v) {
  return new Promise((resolve) => {
    const target = join(out, v.file);
    const child = spawn(process.execPath, [asc, join(src, "index.ts"), "-o", target, ...common, ...v.args], { stdio: ["ignore", "pipe", "pipe"] });
    let log = "";
    child.stdout.on("data", (d) => { log += d; });
    child.stderr.on("data", (d) => { log += d; });
    child.on("close", (code) => resolve({ v, code, log }));
  });
}

mkdirSync(out, { recursive: true });
const newest = newestSource(src);
const todo = variants.filter((v) => force || !existsSync(join(out, v.file)) || statSync(join(out, v.file)).mtimeMs < newest);
if (todo.length === 0) {
  console.log("core/build is up to date");
  process.exit(0);
}
const started = Date.now();
const results = await Promise.all(todo.map(compile));
let failed = false;
for (const r of results) {
  if (r.code !== 0) {
    process.stdout.write(r.log);
    console.log(`${r.v.optional ? "skipped (optional)" : "FAILED"}: ${r.v.file}`);
    if (!r.v.optional) failed = true;
  }
}
console.log(`built ${results.filter((r) => r.code === 0).map((r) => r.v.file).join(", ")} in ${((Date.now() - started) / 1000).toFixed(1)}s`);
process.exit(failed ? 1 : 0);
