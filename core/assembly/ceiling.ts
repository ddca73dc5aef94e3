// The "ceiling" micro-kernel: independent f32x4 mul + add accumulator chains with no memory traffic,
// i.e. the arithmetic peak a WASM SIMD128 kernel built from f32x4.mul/f32x4.add can reach here.
// Each iteration performs 12 × (4 mul + 4 add) = 96 counted flops (plus two uncounted adds that vary
// the multiplicands so the products cannot be hoisted). Returns a lane sum so nothing is dead.
export function ceilingKernel(iters: i32, seed: f32): f32 {
  let x = f32x4.splat(seed);
  const dx = f32x4.splat(<f32>1e-7);
  const y = f32x4.splat(<f32>0.999999);
  let a0 = f32x4.splat(0), a1 = f32x4.splat(<f32>0.1), a2 = f32x4.splat(<f32>0.2), a3 = f32x4.splat(<f32>0.3);
  let a4 = f32x4.splat(<f32>0.4), a5 = f32x4.splat(<f32>0.5), a6 = f32x4.splat(<f32>0.6), a7 = f32x4.splat(<f32>0.7);
  let a8 = f32x4.splat(<f32>0.8), a9 = f32x4.splat(<f32>0.9), a10 = f32x4.splat(<f32>1.0), a11 = f32x4.splat(<f32>1.1);
  let x1 = f32x4.add(x, y);
  for (let i = 0; i < iters; i++) {
    // the multiplicands change every iteration so no engine can hoist the products out of the loop
    x = f32x4.add(x, dx);
    x1 = f32x4.sub(x1, dx);
    a0 = f32x4.add(a0, f32x4.mul(x, y));
    a1 = f32x4.add(a1, f32x4.mul(x1, y));
    a2 = f32x4.add(a2, f32x4.mul(x, y));
    a3 = f32x4.add(a3, f32x4.mul(x1, y));
    a4 = f32x4.add(a4, f32x4.mul(x, y));
    a5 = f32x4.add(a5, f32x4.mul(x1, y));
    a6 = f32x4.add(a6, f32x4.mul(x, y));
    a7 = f32x4.add(a7, f32x4.mul(x1, y));
    a8 = f32x4.add(a8, f32x4.mul(x, y));
    a9 = f32x4.add(a9, f32x4.mul(x1, y));
    a10 = f32x4.add(a10, f32x4.mul(x, y));
    a11 = f32x4.add(a11, f32x4.mul(x1, y));
  }
  let s = f32x4.add(f32x4.add(f32x4.add(a0, a1), f32x4.add(a2, a3)), f32x4.add(f32x4.add(a4, a5), f32x4.add(a6, a7)));
  s = f32x4.add(s, f32x4.add(f32x4.add(a8, a9), f32x4.add(a10, a11)));
  return f32x4.extract_lane(s, 0) + f32x4.extract_lane(s, 1) + f32x4.extract_lane(s, 2) + f32x4.extract_lane(s, 3);
}

export function ceilingFlopsPerIter(): i32 {
  return 96;
}
