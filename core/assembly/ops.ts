// Element-wise, reduction, fused row, conv/pool, embedding, dropout and optimiser kernels.
// Pointers are byte offsets into linear memory; counts, shapes and strides are in elements.
// Every SIMD loop has a scalar tail for sizes not a multiple of 4.

// ---------------------------------------------------------------------------------------------
// scalar helpers

// erf by Abramowitz & Stegun 7.1.26 evaluated in f64 (|error| ≤ 1.5e-7, below f32 resolution of the GELU)
// @ts-ignore: decorator
@inline function erf64(x: f64): f64 {
  const sign: f64 = x < 0 ? -1 : 1;
  const ax = Math.abs(x);
  const t = 1.0 / (1.0 + 0.3275911 * ax);
  const y = 1.0 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-ax * ax);
  return sign * y;
}

// @ts-ignore: decorator
@inline function sigmoid(x: f32): f32 {
  if (x >= 0) return <f32>1 / (<f32>1 + Mathf.exp(-x));
  const e = Mathf.exp(x);
  return e / (<f32>1 + e);
}

// @ts-ignore: decorator
@inline function gelu(x: f32): f32 {
  const xd = <f64>x;
  return <f32>(0.5 * xd * (1.0 + erf64(xd * 0.7071067811865476)));
}

// @ts-ignore: decorator
@inline function geluGrad(x: f32): f32 {
  const xd = <f64>x;
  const cdf = 0.5 * (1.0 + erf64(xd * 0.7071067811865476));
  const pdf = Math.exp(-0.5 * xd * xd) * 0.3989422804014327;
  return <f32>(cdf + xd * pdf);
}

// ---------------------------------------------------------------------------------------------
// f32x4 transcendental helpers

// exp on 4 lanes: x = n·ln2 + r (|r| ≤ ln2/2), e^r by its degree-6 Taylor polynomial (rel. error ≈ 1e-7),
// scaled by 2^n through the exponent bits. Above 88.72 gives +Inf, below −87.3 gives 0 (no subnormals);
// NaN propagates.
// @ts-ignore: decorator
@inline function expV(x0: v128): v128 {
  const x = f32x4.min(f32x4.max(x0, f32x4.splat(<f32>-87.3)), f32x4.splat(<f32>88.0));
  const n = f32x4.nearest(f32x4.mul(x, f32x4.splat(<f32>1.44269504088896341)));
  let r = f32x4.sub(x, f32x4.mul(n, f32x4.splat(<f32>0.693359375)));
  r = f32x4.sub(r, f32x4.mul(n, f32x4.splat(<f32>-2.12194440e-4)));
  let p = f32x4.splat(<f32>(1.0 / 720.0));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(<f32>(1.0 / 120.0)));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(<f32>(1.0 / 24.0)));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(<f32>(1.0 / 6.0)));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(<f32>0.5));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(<f32>1.0));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(<f32>1.0));
  const scale = i32x4.shl(i32x4.add(i32x4.trunc_sat_f32x4_s(n), i32x4.splat(127)), 23);
  let y = f32x4.mul(p, scale);
  y = v128.bitselect(f32x4.splat(Infinity), y, f32x4.gt(x0, f32x4.splat(<f32>88.72283)));
  return v128.andnot(y, f32x4.lt(x0, f32x4.splat(<f32>-87.3)));
}

// @ts-ignore: decorator
@inline function sigmoidV(x: v128): v128 {
  const one = f32x4.splat(1);
  return f32x4.div(one, f32x4.add(one, expV(f32x4.neg(x))));
}

// tanh: odd Taylor polynomial for |x| < 0.25, else sign(x)·(1 − 2/(e^{2|x|} + 1))
// @ts-ignore: decorator
@inline function tanhV(x: v128): v128 {
  const ax = f32x4.abs(x);
  const one = f32x4.splat(1);
  const big = f32x4.sub(one, f32x4.div(f32x4.splat(2), f32x4.add(expV(f32x4.add(ax, ax)), one)));
  const signed = v128.or(big, v128.and(x, i32x4.splat(<i32>0x80000000)));
  const x2 = f32x4.mul(x, x);
  let p = f32x4.splat(<f32>(62.0 / 2835.0));
  p = f32x4.sub(f32x4.mul(p, x2), f32x4.splat(<f32>(17.0 / 315.0)));
  p = f32x4.add(f32x4.mul(p, x2), f32x4.splat(<f32>(2.0 / 15.0)));
  p = f32x4.sub(f32x4.mul(p, x2), f32x4.splat(<f32>(1.0 / 3.0)));
  const small = f32x4.add(x, f32x4.mul(f32x4.mul(p, x2), x));
  return v128.bitselect(small, signed, f32x4.lt(ax, f32x4.splat(<f32>0.25)));
}

// erf (A&S 7.1.26, |error| ≤ 1.5e-7 + f32 rounding) and the exact-form GELU on 4 lanes
// @ts-ignore: decorator
@inline function geluV(x: v128): v128 {
  const z = f32x4.mul(x, f32x4.splat(<f32>0.7071067811865476));
  const az = f32x4.abs(z);
  const t = f32x4.div(f32x4.splat(1), f32x4.add(f32x4.splat(1), f32x4.mul(f32x4.splat(<f32>0.3275911), az)));
  let p = f32x4.splat(<f32>1.061405429);
  p = f32x4.add(f32x4.mul(p, t), f32x4.splat(<f32>-1.453152027));
  p = f32x4.add(f32x4.mul(p, t), f32x4.splat(<f32>1.421413741));
  p = f32x4.add(f32x4.mul(p, t), f32x4.splat(<f32>-0.284496736));
  p = f32x4.add(f32x4.mul(p, t), f32x4.splat(<f32>0.254829592));
  p = f32x4.mul(p, t);
  const e = f32x4.sub(f32x4.splat(1), f32x4.mul(p, expV(f32x4.neg(f32x4.mul(az, az)))));
  const erfz = v128.or(e, v128.and(z, i32x4.splat(<i32>0x80000000)));
  return f32x4.mul(f32x4.mul(f32x4.splat(<f32>0.5), x), f32x4.add(f32x4.splat(1), erfz));
}

// ---------------------------------------------------------------------------------------------
// binary ops with broadcasting
// BinaryOp { Add, Sub, Mul, Div, Max, Min, Pow, Eq, Gt, Lt }

// @ts-ignore: decorator
@inline function binS(op: i32, x: f32, y: f32): f32 {
  switch (op) {
    case 0: return x + y;
    case 1: return x - y;
    case 2: return x * y;
    case 3: return x / y;
    case 4: return x != x || y != y ? NaN : max(x, y);
    case 5: return x != x || y != y ? NaN : min(x, y);
    case 6: return Mathf.pow(x, y);
    case 7: return x == y ? 1 : 0;
    case 8: return x > y ? 1 : 0;
    default: return x < y ? 1 : 0;
  }
}

// @ts-ignore: decorator
@inline function binV(op: i32, x: v128, y: v128): v128 {
  const one = f32x4.splat(1);
  switch (op) {
    case 0: return f32x4.add(x, y);
    case 1: return f32x4.sub(x, y);
    case 2: return f32x4.mul(x, y);
    case 3: return f32x4.div(x, y);
    case 4: return f32x4.max(x, y);
    case 5: return f32x4.min(x, y);
    case 7: return v128.and(f32x4.eq(x, y), one);
    case 8: return v128.and(f32x4.gt(x, y), one);
    default: return v128.and(f32x4.lt(x, y), one);
  }
}

// inner loop over one axis: out contiguous, a and b with element strides sa, sb
// @ts-ignore: decorator
@inline function binRow(op: i32, n: i32, out: usize, a: usize, sa: i32, b: usize, sb: i32): void {
  let i = 0;
  if (op != 6) {
    if (sa == 1 && sb == 1) {
      for (; i + 4 <= n; i += 4) {
        const o = <usize>i * 4;
        v128.store(out + o, binV(op, v128.load(a + o), v128.load(b + o)));
      }
    } else if (sa == 1 && sb == 0) {
      const vb = v128.load32_splat(b);
      for (; i + 4 <= n; i += 4) {
        const o = <usize>i * 4;
        v128.store(out + o, binV(op, v128.load(a + o), vb));
      }
    } else if (sa == 0 && sb == 1) {
      const va = v128.load32_splat(a);
      for (; i + 4 <= n; i += 4) {
        const o = <usize>i * 4;
        v128.store(out + o, binV(op, va, v128.load(b + o)));
      }
    }
  }
  for (; i < n; i++) {
    store<f32>(out + <usize>i * 4, binS(op, load<f32>(a + <usize>(i * sa) * 4), load<f32>(b + <usize>(i * sb) * 4)));
  }
}

function binRowDispatch(op: i32, n: i32, out: usize, a: usize, sa: i32, b: usize, sb: i32): void {
  switch (op) {
    case 0: binRow(0, n, out, a, sa, b, sb); break;
    case 1: binRow(1, n, out, a, sa, b, sb); break;
    case 2: binRow(2, n, out, a, sa, b, sb); break;
    case 3: binRow(3, n, out, a, sa, b, sb); break;
    case 4: binRow(4, n, out, a, sa, b, sb); break;
    case 5: binRow(5, n, out, a, sa, b, sb); break;
    case 6: binRow(6, n, out, a, sa, b, sb); break;
    case 7: binRow(7, n, out, a, sa, b, sb); break;
    case 8: binRow(8, n, out, a, sa, b, sb); break;
    default: binRow(9, n, out, a, sa, b, sb); break;
  }
}

// Normalised 6-d iteration state (leading axes padded with size 1).
const SH = memory.data(24);
const SA = memory.data(24);
const SB = memory.data(24);

function normalise(ndim: i32, shapePtr: usize, aStrides: usize, bStrides: usize): void {
  const pad = 6 - ndim;
  for (let d = 0; d < 6; d++) {
    const src = d - pad;
    store<i32>(SH + <usize>d * 4, src >= 0 ? load<i32>(shapePtr + <usize>src * 4) : 1);
    store<i32>(SA + <usize>d * 4, src >= 0 ? load<i32>(aStrides + <usize>src * 4) : 0);
    store<i32>(SB + <usize>d * 4, src >= 0 && bStrides != 0 ? load<i32>(bStrides + <usize>src * 4) : 0);
  }
}

export function binary(op: i32, ndim: i32, shapePtr: usize, out: usize, a: usize, aStrides: usize, b: usize, bStrides: usize): void {
  if (ndim == 0) { store<f32>(out, binS(op, load<f32>(a), load<f32>(b))); return; }
  normalise(ndim, shapePtr, aStrides, bStrides);
  const n0 = load<i32>(SH), n1 = load<i32>(SH, 4), n2 = load<i32>(SH, 8), n3 = load<i32>(SH, 12), n4 = load<i32>(SH, 16), n5 = load<i32>(SH, 20);
  const a0 = load<i32>(SA), a1 = load<i32>(SA, 4), a2 = load<i32>(SA, 8), a3 = load<i32>(SA, 12), a4 = load<i32>(SA, 16), a5 = load<i32>(SA, 20);
  const b0 = load<i32>(SB), b1 = load<i32>(SB, 4), b2 = load<i32>(SB, 8), b3 = load<i32>(SB, 12), b4 = load<i32>(SB, 16), b5 = load<i32>(SB, 20);
  if (n0 * n1 * n2 * n3 * n4 * n5 == 0) return;
  let o = out;
  for (let i0 = 0; i0 < n0; i0++)
    for (let i1 = 0; i1 < n1; i1++)
      for (let i2 = 0; i2 < n2; i2++)
        for (let i3 = 0; i3 < n3; i3++)
          for (let i4 = 0; i4 < n4; i4++) {
            const ao = i0 * a0 + i1 * a1 + i2 * a2 + i3 * a3 + i4 * a4;
            const bo = i0 * b0 + i1 * b1 + i2 * b2 + i3 * b3 + i4 * b4;
            binRowDispatch(op, n5, o, a + <usize>ao * 4, a5, b + <usize>bo * 4, b5);
            o += <usize>n5 * 4;
          }
}

// out (contiguous) = a viewed through shape/strides
export function copyStrided(ndim: i32, shapePtr: usize, out: usize, a: usize, aStrides: usize): void {
  if (ndim == 0) { store<f32>(out, load<f32>(a)); return; }
  normalise(ndim, shapePtr, aStrides, 0);
  const n0 = load<i32>(SH), n1 = load<i32>(SH, 4), n2 = load<i32>(SH, 8), n3 = load<i32>(SH, 12), n4 = load<i32>(SH, 16), n5 = load<i32>(SH, 20);
  const a0 = load<i32>(SA), a1 = load<i32>(SA, 4), a2 = load<i32>(SA, 8), a3 = load<i32>(SA, 12), a4 = load<i32>(SA, 16), a5 = load<i32>(SA, 20);
  if (n0 * n1 * n2 * n3 * n4 * n5 == 0) return;
  let o = out;
  for (let i0 = 0; i0 < n0; i0++)
    for (let i1 = 0; i1 < n1; i1++)
      for (let i2 = 0; i2 < n2; i2++)
        for (let i3 = 0; i3 < n3; i3++)
          for (let i4 = 0; i4 < n4; i4++) {
            const src = a + <usize>(i0 * a0 + i1 * a1 + i2 * a2 + i3 * a3 + i4 * a4) * 4;
            if (a5 == 1) {
              memory.copy(o, src, <usize>n5 * 4);
            } else {
              for (let i = 0; i < n5; i++) store<f32>(o + <usize>i * 4, load<f32>(src + <usize>(i * a5) * 4));
            }
            o += <usize>n5 * 4;
          }
}

// ---------------------------------------------------------------------------------------------
// unary ops (contiguous)
// UnaryOp { Neg, Exp, Log, Tanh, Sigmoid, Relu, Gelu, Sqrt, Abs, Square, Recip, Step, LeakyRelu }

// @ts-ignore: decorator
@inline function unS(op: i32, x: f32, alpha: f32): f32 {
  switch (op) {
    case 0: return -x;
    case 1: return Mathf.exp(x);
    case 2: return Mathf.log(x);
    case 3: return Mathf.tanh(x);
    case 4: return sigmoid(x);
    case 5: return x > 0 ? x : 0;
    case 6: return gelu(x);
    case 7: return Mathf.sqrt(x);
    case 8: return Mathf.abs(x);
    case 9: return x * x;
    case 10: return <f32>1 / x;
    case 11: return x > 0 ? 1 : 0;
    default: return x > 0 ? x : alpha * x;
  }
}

// @ts-ignore: decorator
@inline function unVecOk(op: i32): bool {
  return op != 2; // all but Log
}

// @ts-ignore: decorator
@inline function unV(op: i32, x: v128, va: v128): v128 {
  const zero = f32x4.splat(0);
  switch (op) {
    case 0: return f32x4.neg(x);
    case 1: return expV(x);
    case 3: return tanhV(x);
    case 4: return sigmoidV(x);
    case 5: return v128.and(x, f32x4.gt(x, zero));
    case 6: return geluV(x);
    case 7: return f32x4.sqrt(x);
    case 8: return f32x4.abs(x);
    case 9: return f32x4.mul(x, x);
    case 10: return f32x4.div(f32x4.splat(1), x);
    case 11: return v128.and(f32x4.gt(x, zero), f32x4.splat(1));
    default: return v128.bitselect(x, f32x4.mul(va, x), f32x4.gt(x, zero));
  }
}

// @ts-ignore: decorator
@inline function unLoop(op: i32, out: usize, a: usize, n: i32, alpha: f32): void {
  let i = 0;
  if (unVecOk(op)) {
    const va = f32x4.splat(alpha);
    for (; i + 4 <= n; i += 4) {
      const o = <usize>i * 4;
      v128.store(out + o, unV(op, v128.load(a + o), va));
    }
  }
  for (; i < n; i++) store<f32>(out + <usize>i * 4, unS(op, load<f32>(a + <usize>i * 4), alpha));
}

export function unary(op: i32, out: usize, a: usize, n: i32, alpha: f32): void {
  switch (op) {
    case 0: unLoop(0, out, a, n, alpha); break;
    case 1: unLoop(1, out, a, n, alpha); break;
    case 2: unLoop(2, out, a, n, alpha); break;
    case 3: unLoop(3, out, a, n, alpha); break;
    case 4: unLoop(4, out, a, n, alpha); break;
    case 5: unLoop(5, out, a, n, alpha); break;
    case 6: unLoop(6, out, a, n, alpha); break;
    case 7: unLoop(7, out, a, n, alpha); break;
    case 8: unLoop(8, out, a, n, alpha); break;
    case 9: unLoop(9, out, a, n, alpha); break;
    case 10: unLoop(10, out, a, n, alpha); break;
    case 11: unLoop(11, out, a, n, alpha); break;
    default: unLoop(12, out, a, n, alpha); break;
  }
}

// derivative f'(x) given input x and output y = f(x)
// @ts-ignore: decorator
@inline function unD(op: i32, x: f32, y: f32, alpha: f32): f32 {
  switch (op) {
    case 0: return -1;
    case 1: return y;
    case 2: return <f32>1 / x;
    case 3: return <f32>1 - y * y;
    case 4: return y * (<f32>1 - y);
    case 5: return x > 0 ? 1 : 0;
    case 6: return geluGrad(x);
    case 7: return <f32>0.5 / y;
    case 8: return x > 0 ? 1 : (x < 0 ? -1 : 0);
    case 9: return <f32>2 * x;
    case 10: return -y * y;
    case 11: return 0;
    default: return x > 0 ? 1 : alpha;
  }
}

// @ts-ignore: decorator
@inline function unBLoop(op: i32, gradA: usize, a: usize, y: usize, gradY: usize, n: i32, alpha: f32): void {
  let i = 0;
  if (op == 5) {
    const zero = f32x4.splat(0);
    for (; i + 4 <= n; i += 4) {
      const o = <usize>i * 4;
      const g = v128.and(v128.load(gradY + o), f32x4.gt(v128.load(a + o), zero));
      v128.store(gradA + o, f32x4.add(v128.load(gradA + o), g));
    }
  }
  for (; i < n; i++) {
    const o = <usize>i * 4;
    // y may be 0 (not provided) for ops whose derivative does not need it
    const yy: f32 = y != 0 ? load<f32>(y + o) : unS(op, load<f32>(a + o), alpha);
    const xx: f32 = a != 0 ? load<f32>(a + o) : 0;
    store<f32>(gradA + o, load<f32>(gradA + o) + unD(op, xx, yy, alpha) * load<f32>(gradY + o));
  }
}

export function unaryBackward(op: i32, gradA: usize, a: usize, y: usize, gradY: usize, n: i32, alpha: f32): void {
  switch (op) {
    case 0: unBLoop(0, gradA, a, y, gradY, n, alpha); break;
    case 1: unBLoop(1, gradA, a, y, gradY, n, alpha); break;
    case 2: unBLoop(2, gradA, a, y, gradY, n, alpha); break;
    case 3: unBLoop(3, gradA, a, y, gradY, n, alpha); break;
    case 4: unBLoop(4, gradA, a, y, gradY, n, alpha); break;
    case 5: unBLoop(5, gradA, a, y, gradY, n, alpha); break;
    case 6: unBLoop(6, gradA, a, y, gradY, n, alpha); break;
    case 7: unBLoop(7, gradA, a, y, gradY, n, alpha); break;
    case 8: unBLoop(8, gradA, a, y, gradY, n, alpha); break;
    case 9: unBLoop(9, gradA, a, y, gradY, n, alpha); break;
    case 10: unBLoop(10, gradA, a, y, gradY, n, alpha); break;
    case 11: unBLoop(11, gradA, a, y, gradY, n, alpha); break;
    default: unBLoop(12, gradA, a, y, gradY, n, alpha); break;
  }
}

export function fill(out: usize, n: i32, value: f32): void {
  const v = f32x4.splat(value);
  let i = 0;
  for (; i + 4 <= n; i += 4) v128.store(out + <usize>i * 4, v);
  for (; i < n; i++) store<f32>(out + <usize>i * 4, value);
}

export function axpy(n: i32, alpha: f32, x: usize, y: usize): void {
  const va = f32x4.splat(alpha);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = <usize>i * 4;
    v128.store(y + o, f32x4.add(v128.load(y + o), f32x4.mul(va, v128.load(x + o))));
  }
  for (; i < n; i++) {
    const o = <usize>i * 4;
    store<f32>(y + o, load<f32>(y + o) + alpha * load<f32>(x + o));
  }
}

export function scale(a: usize, n: i32, s: f32): void {
  const vs = f32x4.splat(s);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = <usize>i * 4;
    v128.store(a + o, f32x4.mul(v128.load(a + o), vs));
  }
  for (; i < n; i++) {
    const o = <usize>i * 4;
    store<f32>(a + o, load<f32>(a + o) * s);
  }
}

export function sumSquares(a: usize, n: i32): f64 {
  let s: f64 = 0;
  for (let i = 0; i < n; i++) {
    const x = <f64>load<f32>(a + <usize>i * 4);
    s += x * x;
  }
  return s;
}

// ---------------------------------------------------------------------------------------------
// reductions over the middle axis of [outer, mid, inner]; ReduceOp { Sum, Max, Mean }

export function reduce(op: i32, out: usize, a: usize, outer: i32, mid: i32, inner: i32): void {
  const isMax = op == 1;
  const post: f32 = op == 2 ? <f32>1 / <f32>mid : 1;
  if (inner == 1) {
    for (let o = 0; o < outer; o++) {
      const row = a + <usize>(o * mid) * 4;
      let r: f32;
      if (isMax) {
        r = -Infinity;
        let nan = false;
        for (let m = 0; m < mid; m++) { const x = load<f32>(row + <usize>m * 4); if (x != x) nan = true; if (x > r) r = x; }
        if (nan) r = NaN;
      } else {
        let v0 = f32x4.splat(0), v1 = f32x4.splat(0);
        let m = 0;
        for (; m + 8 <= mid; m += 8) {
          v0 = f32x4.add(v0, v128.load(row + <usize>m * 4));
          v1 = f32x4.add(v1, v128.load(row + <usize>m * 4, 16));
        }
        v0 = f32x4.add(v0, v1);
        r = (f32x4.extract_lane(v0, 0) + f32x4.extract_lane(v0, 1)) + (f32x4.extract_lane(v0, 2) + f32x4.extract_lane(v0, 3));
        for (; m < mid; m++) r += load<f32>(row + <usize>m * 4);
        r *= post;
      }
      store<f32>(out + <usize>o * 4, r);
    }
    return;
  }
  for (let o = 0; o < outer; o++) {
    const dst = out + <usize>(o * inner) * 4;
    const src = a + <usize>(o * mid * inner) * 4;
    if (mid == 0) { fill(dst, inner, isMax ? -Infinity : (op == 2 ? NaN : 0)); continue; }
    memory.copy(dst, src, <usize>inner * 4);
    for (let m = 1; m < mid; m++) {
      const s = src + <usize>(m * inner) * 4;
      let i = 0;
      if (isMax) {
        for (; i + 4 <= inner; i += 4) { const q = <usize>i * 4; v128.store(dst + q, f32x4.max(v128.load(dst + q), v128.load(s + q))); }
        for (; i < inner; i++) { const q = <usize>i * 4; const x = load<f32>(s + q); const y = load<f32>(dst + q); store<f32>(dst + q, x != x || y != y ? NaN : max(x, y)); }
      } else {
        for (; i + 4 <= inner; i += 4) { const q = <usize>i * 4; v128.store(dst + q, f32x4.add(v128.load(dst + q), v128.load(s + q))); }
        for (; i < inner; i++) { const q = <usize>i * 4; store<f32>(dst + q, load<f32>(dst + q) + load<f32>(s + q)); }
      }
    }
    if (op == 2) scale(dst, inner, post);
  }
}

// ---------------------------------------------------------------------------------------------
// fused row ops on [rows, cols]

function rowMax(p: usize, cols: i32): f32 {
  let m: f32 = -Infinity;
  let j = 0;
  if (cols >= 8) {
    let v = v128.load(p);
    for (j = 4; j + 4 <= cols; j += 4) v = f32x4.max(v, v128.load(p + <usize>j * 4));
    m = max(max(f32x4.extract_lane(v, 0), f32x4.extract_lane(v, 1)), max(f32x4.extract_lane(v, 2), f32x4.extract_lane(v, 3)));
  }
  for (; j < cols; j++) m = max(m, load<f32>(p + <usize>j * 4));
  return m;
}

// dst[j] = exp(src[j] - shift) (dst may be 0: not stored); returns the sum
function expShiftSum(dst: usize, src: usize, cols: i32, shift: f32): f32 {
  const vs = f32x4.splat(shift);
  let acc = f32x4.splat(0);
  let j = 0;
  for (; j + 4 <= cols; j += 4) {
    const e = expV(f32x4.sub(v128.load(src + <usize>j * 4), vs));
    if (dst != 0) v128.store(dst + <usize>j * 4, e);
    acc = f32x4.add(acc, e);
  }
  let s: f32 = (f32x4.extract_lane(acc, 0) + f32x4.extract_lane(acc, 1)) + (f32x4.extract_lane(acc, 2) + f32x4.extract_lane(acc, 3));
  for (; j < cols; j++) {
    const e = Mathf.exp(load<f32>(src + <usize>j * 4) - shift);
    if (dst != 0) store<f32>(dst + <usize>j * 4, e);
    s += e;
  }
  return s;
}

export function softmax(out: usize, a: usize, rows: i32, cols: i32): void {
  for (let r = 0; r < rows; r++) {
    const src = a + <usize>(r * cols) * 4;
    const dst = out + <usize>(r * cols) * 4;
    const s = expShiftSum(dst, src, cols, rowMax(src, cols));
    scale(dst, cols, <f32>1 / s);
  }
}

export function logSoftmax(out: usize, a: usize, rows: i32, cols: i32): void {
  for (let r = 0; r < rows; r++) {
    const src = a + <usize>(r * cols) * 4;
    const dst = out + <usize>(r * cols) * 4;
    const m = rowMax(src, cols);
    const lse = m + Mathf.log(expShiftSum(0, src, cols, m));
    const vl = f32x4.splat(lse);
    let j = 0;
    for (; j + 4 <= cols; j += 4) v128.store(dst + <usize>j * 4, f32x4.sub(v128.load(src + <usize>j * 4), vl));
    for (; j < cols; j++) store<f32>(dst + <usize>j * 4, load<f32>(src + <usize>j * 4) - lse);
  }
}

// lossPerRow[r] = logsumexp(row) - row[target]; gradLogits (if non-zero) is written (not accumulated):
// (softmax(row) - onehot(target)) · gradScale; ignored rows (target -1) get loss 0 and zero gradient.
export function crossEntropy(logits: usize, targets: usize, rows: i32, cols: i32, lossPerRow: usize, gradLogits: usize, gradScale: f32): void {
  for (let r = 0; r < rows; r++) {
    const src = logits + <usize>(r * cols) * 4;
    const t = load<i32>(targets + <usize>r * 4);
    if (t < 0 || t >= cols) {
      store<f32>(lossPerRow + <usize>r * 4, 0);
      if (gradLogits != 0) fill(gradLogits + <usize>(r * cols) * 4, cols, 0);
      continue;
    }
    const m = rowMax(src, cols);
    const g = gradLogits != 0 ? gradLogits + <usize>(r * cols) * 4 : 0;
    // g holds exp(x - m) first, then is scaled to softmax·gradScale
    const s = expShiftSum(g, src, cols, m);
    const lse = m + Mathf.log(s);
    store<f32>(lossPerRow + <usize>r * 4, lse - load<f32>(src + <usize>t * 4));
    if (g != 0) {
      scale(g, cols, gradScale / s);
      const pt = g + <usize>t * 4;
      store<f32>(pt, load<f32>(pt) - gradScale);
    }
  }
}

// out = (x - mean) · rstd · gamma + beta per row; gamma/beta may be 0 (identity); mean/rstd [rows] written.
export function layerNorm(out: usize, mean: usize, rstd: usize, x: usize, gamma: usize, beta: usize, rows: i32, cols: i32, eps: f32): void {
  for (let r = 0; r < rows; r++) {
    const src = x + <usize>(r * cols) * 4;
    const dst = out + <usize>(r * cols) * 4;
    let s: f64 = 0;
    for (let j = 0; j < cols; j++) s += <f64>load<f32>(src + <usize>j * 4);
    const mu = s / <f64>cols;
    let v: f64 = 0;
    for (let j = 0; j < cols; j++) { const d = <f64>load<f32>(src + <usize>j * 4) - mu; v += d * d; }
    const rs = 1.0 / Math.sqrt(v / <f64>cols + <f64>eps);
    if (mean != 0) store<f32>(mean + <usize>r * 4, <f32>mu);
    if (rstd != 0) store<f32>(rstd + <usize>r * 4, <f32>rs);
    const muf = <f32>mu, rsf = <f32>rs;
    for (let j = 0; j < cols; j++) {
      let y = (load<f32>(src + <usize>j * 4) - muf) * rsf;
      if (gamma != 0) y *= load<f32>(gamma + <usize>j * 4);
      if (beta != 0) y += load<f32>(beta + <usize>j * 4);
      store<f32>(dst + <usize>j * 4, y);
    }
  }
}

// Accumulates: gx += ..., ggamma += ..., gbeta += ... (any of the three may be 0 to skip; gamma 0 = ones).
export function layerNormBackward(gx: usize, ggamma: usize, gbeta: usize, gy: usize, x: usize, mean: usize, rstd: usize, gamma: usize, rows: i32, cols: i32): void {
  for (let r = 0; r < rows; r++) {
    const xs = x + <usize>(r * cols) * 4;
    const gys = gy + <usize>(r * cols) * 4;
    const mu = load<f32>(mean + <usize>r * 4);
    const rs = load<f32>(rstd + <usize>r * 4);
    let sdy: f32 = 0, sdyx: f32 = 0;
    for (let j = 0; j < cols; j++) {
      const o = <usize>j * 4;
      const xh = (load<f32>(xs + o) - mu) * rs;
      const g = load<f32>(gys + o);
      if (ggamma != 0) store<f32>(ggamma + o, load<f32>(ggamma + o) + g * xh);
      if (gbeta != 0) store<f32>(gbeta + o, load<f32>(gbeta + o) + g);
      const dy = gamma != 0 ? g * load<f32>(gamma + o) : g;
      sdy += dy;
      sdyx += dy * xh;
    }
    if (gx == 0) continue;
    const inv = <f32>1 / <f32>cols;
    const gxs = gx + <usize>(r * cols) * 4;
    for (let j = 0; j < cols; j++) {
      const o = <usize>j * 4;
      const xh = (load<f32>(xs + o) - mu) * rs;
      const g = load<f32>(gys + o);
      const dy = gamma != 0 ? g * load<f32>(gamma + o) : g;
      store<f32>(gxs + o, load<f32>(gxs + o) + rs * (dy - inv * sdy - xh * inv * sdyx));
    }
  }
}

// ---------------------------------------------------------------------------------------------
// conv helpers (one image, NCHW); col is [C·kh·kw, outH·outW]

export function im2col(col: usize, x: usize, C: i32, H: i32, W: i32, kh: i32, kw: i32, pad: i32, stride: i32): void {
  const oh = (H + 2 * pad - kh) / stride + 1;
  const ow = (W + 2 * pad - kw) / stride + 1;
  let dst = col;
  for (let c = 0; c < C; c++) {
    const plane = x + <usize>(c * H * W) * 4;
    for (let ki = 0; ki < kh; ki++) {
      for (let kj = 0; kj < kw; kj++) {
        for (let oy = 0; oy < oh; oy++) {
          const iy = oy * stride - pad + ki;
          if (iy < 0 || iy >= H) { fill(dst, ow, 0); dst += <usize>ow * 4; continue; }
          const row = plane + <usize>(iy * W) * 4;
          if (stride == 1) {
            // contiguous run of valid columns [lo, hi), zeros at the borders
            const ix0 = kj - pad;
            const lo = min(ow, max(0, -ix0));
            const hi = max(lo, min(ow, W - ix0));
            if (lo > 0) fill(dst, lo, 0);
            if (hi > lo) memory.copy(dst + <usize>lo * 4, row + <usize>(lo + ix0) * 4, <usize>(hi - lo) * 4);
            if (hi < ow) fill(dst + <usize>hi * 4, ow - hi, 0);
          } else {
            for (let ox = 0; ox < ow; ox++) {
              const ix = ox * stride - pad + kj;
              store<f32>(dst + <usize>ox * 4, ix >= 0 && ix < W ? load<f32>(row + <usize>ix * 4) : 0);
            }
          }
          dst += <usize>ow * 4;
        }
      }
    }
  }
}

export function col2im(x: usize, col: usize, C: i32, H: i32, W: i32, kh: i32, kw: i32, pad: i32, stride: i32): void {
  const oh = (H + 2 * pad - kh) / stride + 1;
  const ow = (W + 2 * pad - kw) / stride + 1;
  let src = col;
  for (let c = 0; c < C; c++) {
    const plane = x + <usize>(c * H * W) * 4;
    for (let ki = 0; ki < kh; ki++) {
      for (let kj = 0; kj < kw; kj++) {
        for (let oy = 0; oy < oh; oy++) {
          const iy = oy * stride - pad + ki;
          if (iy >= 0 && iy < H && stride == 1) {
            const row = plane + <usize>(iy * W) * 4;
            const ix0 = kj - pad;
            const lo = min(ow, max(0, -ix0));
            const hi = max(lo, min(ow, W - ix0));
            if (hi > lo) axpy(hi - lo, 1, src + <usize>lo * 4, row + <usize>(lo + ix0) * 4);
          } else if (iy >= 0 && iy < H) {
            const row = plane + <usize>(iy * W) * 4;
            for (let ox = 0; ox < ow; ox++) {
              const ix = ox * stride - pad + kj;
              if (ix >= 0 && ix < W) {
                const p = row + <usize>ix * 4;
                store<f32>(p, load<f32>(p) + load<f32>(src + <usize>ox * 4));
              }
            }
          }
          src += <usize>ow * 4;
        }
      }
    }
  }
}

// no padding; out [N, C, oh, ow] with oh = (H - k) / stride + 1; argmax holds flat indices into x
export function maxPool2d(out: usize, argmax: usize, x: usize, N: i32, C: i32, H: i32, W: i32, k: i32, stride: i32): void {
  const oh = (H - k) / stride + 1;
  const ow = (W - k) / stride + 1;
  let o: usize = 0;
  for (let p = 0; p < N * C; p++) {
    const base = p * H * W;
    for (let oy = 0; oy < oh; oy++) {
      for (let ox = 0; ox < ow; ox++) {
        let best: f32 = -Infinity;
        let bi = base + oy * stride * W + ox * stride;
        for (let i = 0; i < k; i++) {
          const rowIdx = base + (oy * stride + i) * W + ox * stride;
          for (let j = 0; j < k; j++) {
            const v = load<f32>(x + <usize>(rowIdx + j) * 4);
            if (v > best || v != v) { best = v; bi = rowIdx + j; if (v != v) break; }
          }
        }
        store<f32>(out + o * 4, best);
        store<i32>(argmax + o * 4, bi);
        o++;
      }
    }
  }
}

export function maxPool2dBackward(gx: usize, gy: usize, argmax: usize, nOut: i32): void {
  for (let i = 0; i < nOut; i++) {
    const p = gx + <usize>load<i32>(argmax + <usize>i * 4) * 4;
    store<f32>(p, load<f32>(p) + load<f32>(gy + <usize>i * 4));
  }
}

// ---------------------------------------------------------------------------------------------
// embeddings

export function gather(out: usize, table: usize, idx: usize, n: i32, dim: i32): void {
  for (let i = 0; i < n; i++) {
    const r = load<i32>(idx + <usize>i * 4);
    memory.copy(out + <usize>(i * dim) * 4, table + <usize>r * <usize>dim * 4, <usize>dim * 4);
  }
}

export function scatterAdd(gTable: usize, idx: usize, gOut: usize, n: i32, dim: i32): void {
  for (let i = 0; i < n; i++) {
    const r = load<i32>(idx + <usize>i * 4);
    axpy(dim, 1, gOut + <usize>(i * dim) * 4, gTable + <usize>r * <usize>dim * 4);
  }
}

// ---------------------------------------------------------------------------------------------
// dropout: counter-based hash RNG. u_i = (h(i ^ h(seed)) >>> 8) · 2^-24 with h the 32-bit
// "lowbias32" integer mixer; element i is kept (mask 1/(1-p)) iff u_i ≥ p.

// @ts-ignore: decorator
@inline function mix32(x: u32): u32 {
  x ^= x >> 16;
  x *= 0x7feb352d;
  x ^= x >> 15;
  x *= 0x846ca68b;
  x ^= x >> 16;
  return x;
}

export function dropout(out: usize, mask: usize, a: usize, n: i32, p: f32, seed: i32): void {
  const hs = mix32(<u32>seed);
  const keep: f32 = p < 1 ? <f32>1 / (<f32>1 - p) : 0;
  for (let i = 0; i < n; i++) {
    const u = <f32>(mix32(<u32>i ^ hs) >> 8) * <f32>5.9604644775390625e-8;
    const m: f32 = u >= p ? keep : 0;
    const o = <usize>i * 4;
    if (mask != 0) store<f32>(mask + o, m);
    store<f32>(out + o, load<f32>(a + o) * m);
  }
}

// ---------------------------------------------------------------------------------------------
// optimisers (PyTorch semantics)

export function adam(param: usize, grad: usize, m: usize, v: usize, n: i32, lr: f64, beta1: f64, beta2: f64,
                     eps: f64, weightDecay: f64, step: i32, decoupled: bool): void {
  const bc1 = 1.0 - Math.pow(beta1, <f64>step);
  const bc2 = 1.0 - Math.pow(beta2, <f64>step);
  const stepSize = <f32>(lr / bc1);
  const invSqrtBc2 = <f32>(1.0 / Math.sqrt(bc2));
  const b1 = <f32>beta1, b2 = <f32>beta2, ob1 = <f32>(1.0 - beta1), ob2 = <f32>(1.0 - beta2);
  const wd = <f32>weightDecay, e = <f32>eps;
  const decay = <f32>(1.0 - lr * weightDecay);
  const vb1 = f32x4.splat(b1), vb2 = f32x4.splat(b2), vob1 = f32x4.splat(ob1), vob2 = f32x4.splat(ob2);
  const vss = f32x4.splat(stepSize), vib = f32x4.splat(invSqrtBc2), ve = f32x4.splat(e), vwd = f32x4.splat(wd), vdec = f32x4.splat(decay);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = <usize>i * 4;
    let p = v128.load(param + o);
    let g = v128.load(grad + o);
    if (wd != 0) {
      if (decoupled) p = f32x4.mul(p, vdec);
      else g = f32x4.add(g, f32x4.mul(vwd, p));
    }
    const mm = f32x4.add(f32x4.mul(vb1, v128.load(m + o)), f32x4.mul(vob1, g));
    const vv = f32x4.add(f32x4.mul(vb2, v128.load(v + o)), f32x4.mul(vob2, f32x4.mul(g, g)));
    v128.store(m + o, mm);
    v128.store(v + o, vv);
    const denom = f32x4.add(f32x4.mul(f32x4.sqrt(vv), vib), ve);
    v128.store(param + o, f32x4.sub(p, f32x4.div(f32x4.mul(vss, mm), denom)));
  }
  for (; i < n; i++) {
    const o = <usize>i * 4;
    let p = load<f32>(param + o);
    let g = load<f32>(grad + o);
    if (wd != 0) {
      if (decoupled) p *= decay;
      else g += wd * p;
    }
    const mm = b1 * load<f32>(m + o) + ob1 * g;
    const vv = b2 * load<f32>(v + o) + ob2 * g * g;
    store<f32>(m + o, mm);
    store<f32>(v + o, vv);
    store<f32>(param + o, p - stepSize * mm / (Mathf.sqrt(vv) * invSqrtBc2 + e));
  }
}

export function sgd(param: usize, grad: usize, buf: usize, n: i32, lr: f32, momentum: f32, dampening: f32,
                    weightDecay: f32, nesterov: bool, first: bool): void {
  for (let i = 0; i < n; i++) {
    const o = <usize>i * 4;
    const p = load<f32>(param + o);
    let g = load<f32>(grad + o);
    if (weightDecay != 0) g += weightDecay * p;
    if (momentum != 0) {
      const b = first ? g : momentum * load<f32>(buf + o) + (<f32>1 - dampening) * g;
      store<f32>(buf + o, b);
      g = nesterov ? g + momentum * b : b;
    }
    store<f32>(param + o, p - lr * g);
  }
}
