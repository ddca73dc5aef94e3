#!/usr/bin/env node
// Compiles core/assembly (AssemblyScript) to core/build/*.wasm. Idempotent: the build runs only when a
// source under core/assembly or this script is newer than the outputs (`--force` rebuilds).
//
//   kernels.wasm                  SIMD128, imported growable memory (maximum 32768 pages) — the default
//   kernels-shared.wasm           the same binary with its memory import marked shared     — core/src/threads.ts
//   kernels-relaxed.wasm          SIMD128 + relaxed SIMD (the SGEMM micro-kernel fuses multiply-add)
//   kernels-relaxed-shared.wasm   its shared-memory twin
//
// Two asc compiles (with and without `--enable relaxed-simd`); the kernels use no atomics, so a shared
// variant differs only in the limits flag of the memory import (0x01 "has maximum" → 0x03 "shared, has
// maximum"), patched here. The relaxed builds are optional at run time: core/src/wasm.ts uses them only
// when asked and when the engine validates them (Node 20: behind --experimental-wasm-relaxed-simd).
import { spawn } from "node:child_process";
import { mkdirSync, readdirSync, statSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const src = join(root, "core", "assembly");
const out = join(root, "core", "build");
const asc = join(root, "node_modules", "assemblyscript", "bin", "asc.js");
const force = process.argv.includes("--force");

const args = ["-O3", "--runtime", "stub", "--use", "abort=", "--noAssert",
  "--importMemory", "--initialMemory", "2", "--maximumMemory", "32768"];
const builds = [
  { file: "kernels.wasm", shared: "kernels-shared.wasm", enable: "simd" },
  { file: "kernels-relaxed.wasm", shared: "kernels-relaxed-shared.wasm", enable: "simd,relaxed-simd" },
];
const outputs = builds.flatMap((b) => [b.file, b.shared]);

function newestSource(dir) {
  let t = statSync(new URL(import.meta.url).pathname).mtimeMs;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newestSource(p) : statSync(p).mtimeMs);
  }
  return t;
}

function compile(target, enable) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [asc, join(src, "index.ts"), "-o", target, "--enable", enable, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let log = "";
    child.stdout.on("data", (d) => { log += d; });
    child.stderr.on("data", (d) => { log += d; });
    child.on("close", (code) => resolve({ code, log }));
  });
}

function readLeb(bytes, pos) {
  let value = 0, shift = 0, b;
  do { b = bytes[pos++]; value |= (b & 0x7f) << shift; shift += 7; } while (b & 0x80);
  return [value >>> 0, pos];
}

/** Copy of `wasm` whose env.memory import is shared. */
function markMemoryShared(wasm) {
  const out = Uint8Array.from(wasm);
  let pos = 8;
  while (pos < out.length) {
    const id = out[pos++];
    let size;
    [size, pos] = readLeb(out, pos);
    const end = pos + size;
    if (id === 2) {
      let count, p = pos;
      [count, p] = readLeb(out, p);
      for (let i = 0; i < count; i++) {
        let len;
        [len, p] = readLeb(out, p); p += len; // module
        [len, p] = readLeb(out, p); p += len; // field
        const kind = out[p++];
        if (kind === 0) { [, p] = readLeb(out, p); continue; }                    // func: type index
        if (kind === 1) { p++; const f = out[p++]; [, p] = readLeb(out, p); if (f & 1) [, p] = readLeb(out, p); continue; } // table
        if (kind === 3) { p += 2; continue; }                                    // global: type, mut
        if (kind === 2) {
          if (out[p] !== 0x01) throw new Error(`memory import limits flag ${out[p]} (expected 0x01: has maximum)`);
          out[p] = 0x03;
          return out;
        }
        throw new Error(`unknown import kind ${kind}`);
      }
    }
    pos = end;
  }
  throw new Error("no memory import found");
}

mkdirSync(out, { recursive: true });
const newest = newestSource(src);
const stale = force || outputs.some((f) => !existsSync(join(out, f)) || statSync(join(out, f)).mtimeMs < newest);
if (!stale) {
  console.log("core/build is up to date");
  process.exit(0);
}
const started = Date.now();
const results = await Promise.all(builds.map((b) => compile(join(out, b.file), b.enable)));
results.forEach((r, i) => {
  if (r.code === 0) return;
  process.stdout.write(r.log);
  console.log(`FAILED: asc core/assembly/index.ts --enable ${builds[i].enable}`);
  process.exit(1);
});
for (const b of builds) {
  const shared = markMemoryShared(readFileSync(join(out, b.file)));
  writeFileSync(join(out, b.shared), shared);
}
// The default build must run everywhere; the relaxed ones are checked where they are loaded.
if (!WebAssembly.validate(readFileSync(join(out, "kernels-shared.wasm")))) throw new Error("the shared-memory variant does not validate");
console.log(`built ${outputs.join(", ")} in ${((Date.now() - started) / 1000).toFixed(1)}s`);
