/**
 * Just enough of numpy's legacy `RandomState` to reproduce scikit-learn's
 * `train_test_split(…, random_state=42)` without Python:
 *
 * - MT19937 (Matsumoto & Nishimura), seeded as `RandomState(seed)` seeds it for an integer seed:
 *   mt[0] = seed, mt[i] = 1812433253 · (mt[i−1] ⊕ (mt[i−1] >> 30)) + i (mod 2³²);
 * - `random_interval(max)`: the smallest all-ones mask ≥ max, then 32-bit draws `& mask` until one
 *   is ≤ max (rejection sampling; 64-bit draws are only needed for max ≥ 2³², not here);
 * - `permutation(n)`: arange(n) shuffled by Fisher-Yates from the end, i = n−1 … 1, swapping i with
 *   random_interval(i);
 * - `random_sample()`: (a >> 5, b >> 6) of two draws as a 53-bit fraction (used to check the
 *   generator against numpy's known first values).
 */

const N = 624;
const M = 397;

export class MT19937 {
  private readonly mt = new Uint32Array(N);
  private index = N;

  constructor(seed: number) {
    if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new Error(`MT19937 seed must be an integer in [0, 2^32): ${seed}`);
    this.mt[0] = seed >>> 0;
    for (let i = 1; i < N; i++) {
      const prev = this.mt[i - 1] ^ (this.mt[i - 1] >>> 30);
      // 1812433253 · prev mod 2^32, split so the product stays exact in doubles.
      this.mt[i] = (Math.imul(1812433253, prev) + i) >>> 0;
    }
  }

  private twist(): void {
    const mt = this.mt;
    for (let i = 0; i < N; i++) {
      const y = (mt[i] & 0x80000000) | (mt[(i + 1) % N] & 0x7fffffff);
      mt[i] = mt[(i + M) % N] ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0);
    }
    this.index = 0;
  }

  /** The next 32-bit output (genrand_int32), as an unsigned number. */
  nextUint32(): number {
    if (this.index >= N) this.twist();
    let y = this.mt[this.index++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** A double in [0, 1) with 53 random bits, as numpy's random_sample. */
  randomSample(): number {
    const a = this.nextUint32() >>> 5;
    const b = this.nextUint32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }

  /** A uniform integer in [0, max] by masked rejection, as numpy's random_interval (max < 2^32). */
  randomInterval(max: number): number {
    if (max === 0) return 0;
    if (!Number.isInteger(max) || max < 0 || max > 0xffffffff) throw new Error(`randomInterval: max ${max} out of range`);
    let mask = max;
    mask |= mask >>> 1;
    mask |= mask >>> 2;
    mask |= mask >>> 4;
    mask |= mask >>> 8;
    mask |= mask >>> 16;
    mask >>>= 0;
    let value: number;
    do value = (this.nextUint32() & mask) >>> 0;
    while (value > max);
    return value;
  }
}

/** numpy `RandomState(seed).permutation(n)`. */
export function permutation(n: number, seed: number): number[] {
  const rng = new MT19937(seed);
  const a = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i >= 1; i--) {
    const j = rng.randomInterval(i);
    const t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
  return a;
}

/**
 * Row indices of scikit-learn's `train_test_split(range(n), test_size, random_state=seed)` with a
 * float test_size (shuffled, not stratified): n_test = ceil(test_size · n), n_train = n − n_test,
 * permutation p; test = p[0 : n_test], train = p[n_test : n_test + n_train].
 */
export function trainTestSplitIndices(n: number, testSize: number, seed: number): { train: number[]; test: number[] } {
  if (!(testSize > 0 && testSize < 1)) throw new Error(`test_size must be in (0, 1): ${testSize}`);
  const nTest = Math.ceil(testSize * n);
  const p = permutation(n, seed);
  return { test: p.slice(0, nTest), train: p.slice(nTest) };
}
