/**
 * Chinese numerals ↔ numbers, 0 … 99,999,999, and the seq2seq model's seeded data set.
 *
 * The reading ({@link toChinese}) is the standard one taught in school:
 * - digits 零一二三四五六七八九 (二, never 两), units 十 百 千 within a section of four digits, and 万
 *   after the upper section (the number of ten-thousands, itself read as a section);
 * - zeros at the end of a section are not read; a run of zeros inside a section is read as one 零
 *   (1,001 一千零一; 1,010 一千零一十); if the upper section is non-zero and the lower section is
 *   non-zero but below 1,000, one 零 joins them (10,001 一万零一; 10,100 一万零一百; 10,010,000
 *   一千零一万; 10,001,000 一千万一千, since the zeros there end the upper section);
 * - 十 without 一 only when it leads the whole number or the upper section (10 十, 15 十五,
 *   150,000 十五万); elsewhere 一十 (110 一百一十, 10,010 一万零一十, 100,010 十万零一十);
 * - 0 is 零.
 * {@link fromChinese} reads these (and also accepts 两 for 二, and a bare 十 anywhere).
 *
 * Data ({@link numeralPairs}): a number is drawn by picking its digit count uniformly in 1 … 8 and
 * then a number of that many digits uniformly (0 counts as one digit), from a Generator seeded with
 * `seed`. The held-out numbers are drawn first (distinct; at most a tenth of each digit count's
 * numbers, so every digit count keeps most of its numbers for training), then the training numbers
 * (distinct, never a held-out number; digit counts that run out are redrawn).
 */
import { Generator } from "../../core/src/index.ts";

export const MAX_NUMERAL = 99_999_999;
export const CN_DIGITS = "零一二三四五六七八九";
const UNITS = ["", "十", "百", "千"];

/** One section 1 … 9999; `leading`: first section of the number (a leading 一十 is read 十). */
function section(x: number, leading: boolean): string {
  let s = "";
  let started = false;
  let zero = false;
  for (let p = 3; p >= 0; p--) {
    const d = Math.floor(x / 10 ** p) % 10;
    if (d === 0) {
      if (started) zero = true;
      continue;
    }
    if (zero) s += "零";
    zero = false;
    if (!(p === 1 && d === 1 && leading && !started)) s += CN_DIGITS[d];
    s += UNITS[p];
    started = true;
  }
  return s;
}

/** The standard Chinese reading of an integer 0 … 99,999,999. */
export function toChinese(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > MAX_NUMERAL) throw new Error(`toChinese: ${n} is not an integer in 0 … ${MAX_NUMERAL}`);
  if (n === 0) return "零";
  const high = Math.floor(n / 10000);
  const low = n % 10000;
  if (high === 0) return section(low, true);
  let s = section(high, true) + "万";
  if (low > 0) s += (low < 1000 ? "零" : "") + section(low, false);
  return s;
}

const DIGIT_VALUE = new Map<string, number>([...CN_DIGITS].map((c, i) => [c, i]));
DIGIT_VALUE.set("两", 2);
const UNIT_VALUE = new Map<string, number>([["十", 10], ["百", 100], ["千", 1000]]);

/** The number a Chinese numeral reads (the inverse of toChinese; throws on other characters or a malformed numeral). */
export function fromChinese(text: string): number {
  if (text.length === 0) throw new Error("fromChinese: empty numeral");
  let total = 0;
  let sec = 0;
  let digit: number | null = null;
  let lastUnit = 10000;
  let sawWan = false;
  for (const ch of text) {
    const d = DIGIT_VALUE.get(ch);
    if (d !== undefined) {
      if (digit !== null && d !== 0) throw new Error(`fromChinese: two digits in a row in ${text}`);
      digit = d === 0 ? null : d;
      continue;
    }
    const u = UNIT_VALUE.get(ch);
    if (u !== undefined) {
      if (u >= lastUnit) throw new Error(`fromChinese: unit ${ch} out of order in ${text}`);
      sec += (digit ?? (u === 10 ? 1 : NaN)) * u;
      if (Number.isNaN(sec)) throw new Error(`fromChinese: ${ch} without a digit in ${text}`);
      lastUnit = u;
      digit = null;
      continue;
    }
    if (ch === "万") {
      if (sawWan) throw new Error(`fromChinese: two 万 in ${text}`);
      sawWan = true;
      total = (sec + (digit ?? 0)) * 10000;
      sec = 0;
      digit = null;
      lastUnit = 10000;
      continue;
    }
    throw new Error(`fromChinese: unexpected character ${JSON.stringify(ch)} in ${text}`);
  }
  return total + sec + (digit ?? 0);
}

export interface NumeralSet {
  /** Training numbers (distinct). */
  train: number[];
  /** Held-out numbers (distinct, disjoint from train). */
  heldOut: number[];
}

function drawNumber(rng: Generator): { n: number; digits: number } {
  const digits = 1 + rng.int(8);
  const lo = digits === 1 ? 0 : 10 ** (digits - 1);
  const hi = 10 ** digits; // exclusive
  return { n: lo + rng.int(hi - lo), digits };
}

const classSize = (digits: number) => (digits === 1 ? 10 : 9 * 10 ** (digits - 1));

/** The seeded train / held-out numbers (see the module comment). */
export function numeralPairs(trainCount = 20_000, heldOutCount = 1_000, seed = 0): NumeralSet {
  const rng = new Generator(seed);
  const held = new Set<number>();
  const heldPerClass = new Array<number>(9).fill(0);
  while (held.size < heldOutCount) {
    const { n, digits } = drawNumber(rng);
    if (held.has(n) || heldPerClass[digits] >= Math.floor(classSize(digits) / 10)) continue;
    held.add(n);
    heldPerClass[digits]++;
  }
  const train = new Set<number>();
  while (train.size < trainCount) {
    const { n } = drawNumber(rng);
    if (!held.has(n)) train.add(n);
  }
  return { train: [...train], heldOut: [...held] };
}
