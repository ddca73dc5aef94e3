// The "ceiling" micro-kernels: independent chains of f32x4 multiply + add with no memory traffic, the
// arithmetic peak a WASM SIMD128 kernel built from f32x4.mul / f32x4.add reaches on this engine.
//
// Each chain is a ← a + a·y (y = −2^-24, so values decay negligibly and never become subnormal): the
// product depends on the accumulator, so neither Binaryen nor V8 can hoist or merge the multiplies
// (an earlier version with loop-invariant products was reduced to adds only by Binaryen's CSE).
// A chain's latency is mul + add, so enough independent chains are needed to fill both pipes;
// with more than ~12 live v128 values V8 starts spilling. ceilingKernel(chains) runs 8, 10 or 12 chains;
// the benchmark reports the best. Flops per iteration = chains × 8 (4 lanes × mul + add). In the relaxed
// build (madd.ts) each chain step is one fused multiply-add: that build's ceiling is the FMA peak.

import { madd } from "./madd";

export function ceiling8(iters: i32, seed: f32): f32 {
  const y = f32x4.splat(<f32>-5.9604645e-8);
  let a0 = f32x4.splat(seed + <f32>0.0);
  let a1 = f32x4.splat(seed + <f32>0.1);
  let a2 = f32x4.splat(seed + <f32>0.2);
  let a3 = f32x4.splat(seed + <f32>0.3);
  let a4 = f32x4.splat(seed + <f32>0.4);
  let a5 = f32x4.splat(seed + <f32>0.5);
  let a6 = f32x4.splat(seed + <f32>0.6);
  let a7 = f32x4.splat(seed + <f32>0.7);
  for (let i = 0; i < iters; i++) {
    a0 = madd(a0, a0, y);
    a1 = madd(a1, a1, y);
    a2 = madd(a2, a2, y);
    a3 = madd(a3, a3, y);
    a4 = madd(a4, a4, y);
    a5 = madd(a5, a5, y);
    a6 = madd(a6, a6, y);
    a7 = madd(a7, a7, y);
  }
  let s = a0;
  s = f32x4.add(s, a1);
  s = f32x4.add(s, a2);
  s = f32x4.add(s, a3);
  s = f32x4.add(s, a4);
  s = f32x4.add(s, a5);
  s = f32x4.add(s, a6);
  s = f32x4.add(s, a7);
  return f32x4.extract_lane(s, 0) + f32x4.extract_lane(s, 3);
}
export function ceiling10(iters: i32, seed: f32): f32 {
  const y = f32x4.splat(<f32>-5.9604645e-8);
  let a0 = f32x4.splat(seed + <f32>0.0);
  let a1 = f32x4.splat(seed + <f32>0.1);
  let a2 = f32x4.splat(seed + <f32>0.2);
  let a3 = f32x4.splat(seed + <f32>0.3);
  let a4 = f32x4.splat(seed + <f32>0.4);
  let a5 = f32x4.splat(seed + <f32>0.5);
  let a6 = f32x4.splat(seed + <f32>0.6);
  let a7 = f32x4.splat(seed + <f32>0.7);
  let a8 = f32x4.splat(seed + <f32>0.8);
  let a9 = f32x4.splat(seed + <f32>0.9);
  for (let i = 0; i < iters; i++) {
    a0 = madd(a0, a0, y);
    a1 = madd(a1, a1, y);
    a2 = madd(a2, a2, y);
    a3 = madd(a3, a3, y);
    a4 = madd(a4, a4, y);
    a5 = madd(a5, a5, y);
    a6 = madd(a6, a6, y);
    a7 = madd(a7, a7, y);
    a8 = madd(a8, a8, y);
    a9 = madd(a9, a9, y);
  }
  let s = a0;
  s = f32x4.add(s, a1);
  s = f32x4.add(s, a2);
  s = f32x4.add(s, a3);
  s = f32x4.add(s, a4);
  s = f32x4.add(s, a5);
  s = f32x4.add(s, a6);
  s = f32x4.add(s, a7);
  s = f32x4.add(s, a8);
  s = f32x4.add(s, a9);
  return f32x4.extract_lane(s, 0) + f32x4.extract_lane(s, 3);
}
export function ceiling12(iters: i32, seed: f32): f32 {
  const y = f32x4.splat(<f32>-5.9604645e-8);
  let a0 = f32x4.splat(seed + <f32>0.0);
  let a1 = f32x4.splat(seed + <f32>0.1);
  let a2 = f32x4.splat(seed + <f32>0.2);
  let a3 = f32x4.splat(seed + <f32>0.3);
  let a4 = f32x4.splat(seed + <f32>0.4);
  let a5 = f32x4.splat(seed + <f32>0.5);
  let a6 = f32x4.splat(seed + <f32>0.6);
  let a7 = f32x4.splat(seed + <f32>0.7);
  let a8 = f32x4.splat(seed + <f32>0.8);
  let a9 = f32x4.splat(seed + <f32>0.9);
  let a10 = f32x4.splat(seed + <f32>1.0);
  let a11 = f32x4.splat(seed + <f32>1.1);
  for (let i = 0; i < iters; i++) {
    a0 = madd(a0, a0, y);
    a1 = madd(a1, a1, y);
    a2 = madd(a2, a2, y);
    a3 = madd(a3, a3, y);
    a4 = madd(a4, a4, y);
    a5 = madd(a5, a5, y);
    a6 = madd(a6, a6, y);
    a7 = madd(a7, a7, y);
    a8 = madd(a8, a8, y);
    a9 = madd(a9, a9, y);
    a10 = madd(a10, a10, y);
    a11 = madd(a11, a11, y);
  }
  let s = a0;
  s = f32x4.add(s, a1);
  s = f32x4.add(s, a2);
  s = f32x4.add(s, a3);
  s = f32x4.add(s, a4);
  s = f32x4.add(s, a5);
  s = f32x4.add(s, a6);
  s = f32x4.add(s, a7);
  s = f32x4.add(s, a8);
  s = f32x4.add(s, a9);
  s = f32x4.add(s, a10);
  s = f32x4.add(s, a11);
  return f32x4.extract_lane(s, 0) + f32x4.extract_lane(s, 3);
}

export function ceilingKernel(iters: i32, seed: f32, chains: i32): f32 {
  if (chains <= 8) return ceiling8(iters, seed);
  if (chains <= 10) return ceiling10(iters, seed);
  return ceiling12(iters, seed);
}

export function ceilingFlopsPerIter(chains: i32): i32 {
  return (chains <= 8 ? 8 : chains <= 10 ? 10 : 12) * 8;
}
