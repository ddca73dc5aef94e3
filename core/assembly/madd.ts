// acc + a·b, the one operation the two kernel builds compile differently. The default build
// (kernels.wasm) multiplies and adds, rounding twice; the relaxed build (asc --enable relaxed-simd,
// kernels-relaxed.wasm) emits f32x4.relaxed_madd, which the engine fuses into one FMA instruction
// (one rounding) where the CPU has one. Used by the SGEMM micro-kernel and the ceiling kernels.

// @ts-ignore: decorator
@inline export function madd(acc: v128, a: v128, b: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, acc);
  return f32x4.add(acc, f32x4.mul(a, b));
}
