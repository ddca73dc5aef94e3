/**
 * ARPA back-off files, read and written. Node-free (strings in, strings out).
 *
 *   \data\
 *   ngram 1=<count>
 *   …
 *   \1-grams:
 *   <log10 p>	<w1>	[<log10 back-off>]
 *   …
 *   \end\
 *
 * Values are written in JavaScript's shortest round-trip form, so a model written and read back has
 * bit-identical log-probabilities. Probability 0 is written −99 (the SRILM / KenLM convention) and
 * read back as 0. Reading requires every n-gram's context (its first N−1 words) to be in the file,
 * as KenLM and unpruned SRILM models are; errors name the offending line.
 */
import { BackoffModel } from "./backoff.ts";
import { Trie, childStarts, searchSorted, unigramLevel, type TrieLevel } from "./trie.ts";
import { BOS, EOS, UNK, Vocab } from "./vocab.ts";

const ZERO = -99;

function fmt(x: number): string {
  return x === -Infinity || x <= ZERO ? String(ZERO) : String(x);
}

export function writeArpa(model: BackoffModel): string {
  const { trie, prob, backoff, order } = model;
  const counts = model.ngramCounts();
  const out: string[] = ["\\data\\"];
  for (let k = 1; k <= order; k++) out.push(`ngram ${k}=${counts[k - 1]}`);
  for (let k = 1; k <= order; k++) {
    out.push("", `\\${k}-grams:`);
    const p = prob[k - 1];
    const bo = k < order ? backoff[k - 1] : null;
    const cs = trie.levels[k - 1].childStart;
    for (let i = 0; i < p.length; i++) {
      if (Number.isNaN(p[i])) continue;
      const words = trie.ngram(k, i).map((w) => model.vocab.token(w)).join(" ");
      const hasBo = bo !== null && (bo[i] !== 0 || cs[i + 1] > cs[i]);
      out.push(hasBo ? `${fmt(p[i])}\t${words}\t${fmt(bo[i])}` : `${fmt(p[i])}\t${words}`);
    }
  }
  out.push("", "\\end\\", "");
  return out.join("\n");
}

function parseValue(s: string, line: number, what: string): number {
  const v = s === "-inf" || s === "-Infinity" ? -Infinity : Number(s);
  if (Number.isNaN(v) || s.trim() === "") throw new Error(`ARPA line ${line}: ${what} ${JSON.stringify(s)} is not a number`);
  return v <= ZERO ? -Infinity : v;
}

interface Section {
  order: number;
  words: string[][];
  prob: number[];
  backoff: number[];
  lines: number[];
}

export function readArpa(text: string, method = "arpa"): BackoffModel {
  const lines = text.split(/\r?\n/);
  let i = 0;
  const fail = (line: number, msg: string): never => {
    throw new Error(`ARPA line ${line}: ${msg}`);
  };
  // Free text before \data\ is allowed by the format.
  while (i < lines.length && lines[i].trim() !== "\\data\\") i++;
  if (i === lines.length) throw new Error("ARPA: no \\data\\ header");
  i++;
  const declared: number[] = [];
  for (; i < lines.length; i++) {
    const t = lines[i].trim();
    if (t === "") continue;
    const m = /^ngram\s+(\d+)\s*=\s*(\d+)$/.exec(t);
    if (!m) break;
    const k = Number(m[1]);
    if (k !== declared.length + 1) fail(i + 1, `expected "ngram ${declared.length + 1}=…", got ${JSON.stringify(t)}`);
    declared.push(Number(m[2]));
  }
  if (declared.length === 0) fail(i + 1, "no \"ngram k=count\" lines after \\data\\");
  const order = declared.length;
  const sections: Section[] = [];
  let cur: Section | null = null;
  let ended = false;
  for (; i < lines.length; i++) {
    const raw = lines[i];
    const t = raw.trim();
    if (t === "") continue;
    const ln = i + 1;
    if (t === "\\end\\") {
      ended = true;
      break;
    }
    const h = /^\\(\d+)-grams:$/.exec(t);
    if (h) {
      const k = Number(h[1]);
      if (k !== sections.length + 1 || k > order) fail(ln, `unexpected section ${t} (expected \\${sections.length + 1}-grams:)`);
      cur = { order: k, words: [], prob: [], backoff: [], lines: [] };
      sections.push(cur);
      continue;
    }
    if (cur === null) fail(ln, `expected a \\1-grams: section, got ${JSON.stringify(t)}`);
    const sec = cur as Section;
    const f = t.split(/\s+/);
    const k = sec.order;
    if (f.length !== k + 1 && f.length !== k + 2) fail(ln, `a ${k}-gram line needs ${k + 1} or ${k + 2} fields, got ${f.length}: ${JSON.stringify(t)}`);
    sec.prob.push(parseValue(f[0], ln, "log-probability"));
    sec.words.push(f.slice(1, k + 1));
    sec.backoff.push(f.length === k + 2 ? parseValue(f[k + 1], ln, "back-off") : 0);
    sec.lines.push(ln);
  }
  if (!ended) throw new Error(`ARPA line ${lines.length}: missing \\end\\`);
  if (sections.length !== order) throw new Error(`ARPA: header declares ${order} orders but ${sections.length} sections were found`);
  sections.forEach((s, k) => {
    if (s.prob.length !== declared[k]) {
      throw new Error(`ARPA line ${s.lines[0] ?? 0}: header declares ${declared[k]} ${k + 1}-grams, the section has ${s.prob.length}`);
    }
  });

  // Vocabulary: the unigrams, with the three specials first.
  const uni = sections[0];
  const rest = uni.words.map((w) => w[0]).filter((w) => w !== UNK && w !== BOS && w !== EOS);
  const vocab = new Vocab([UNK, BOS, EOS, ...rest]);
  const V = vocab.size;
  const level1 = unigramLevel(V);
  const p1 = new Float64Array(V).fill(-Infinity);
  const b1 = new Float64Array(V);
  uni.words.forEach((w, j) => {
    const id = vocab.id(w[0]);
    p1[id] = uni.prob[j];
    b1[id] = uni.backoff[j];
  });
  const levels: TrieLevel[] = [level1];
  const probs: Float64Array[] = [p1];
  const backoffs: Float64Array[] = [b1];
  for (let k = 2; k <= order; k++) {
    const s = sections[k - 1];
    const trie = new Trie(levels, V);
    const n = s.prob.length;
    const keys = new Float64Array(n);
    const ids = new Uint32Array(k);
    for (let j = 0; j < n; j++) {
      const ws = s.words[j];
      for (let q = 0; q < k; q++) {
        if (!vocab.has(ws[q])) fail(s.lines[j], `word ${JSON.stringify(ws[q])} is not among the unigrams`);
        ids[q] = vocab.id(ws[q]);
      }
      const parent = trie.find(ids, 0, k - 1);
      if (parent < 0) fail(s.lines[j], `the context "${ws.slice(0, k - 1).join(" ")}" of this ${k}-gram is not in the model`);
      keys[j] = parent * V + ids[k - 1];
    }
    const sorted = keys.slice().sort();
    for (let j = 1; j < n; j++) {
      if (sorted[j] === sorted[j - 1]) {
        const dup = keys.lastIndexOf(sorted[j]);
        fail(s.lines[dup], `duplicate ${k}-gram "${s.words[dup].join(" ")}"`);
      }
    }
    const words = new Uint32Array(n);
    const parents = new Uint32Array(n);
    const pk = new Float64Array(n);
    const bk = new Float64Array(n);
    for (let j = 0; j < n; j++) {
      const pos = searchSorted(sorted, keys[j]);
      const parent = Math.floor(keys[j] / V);
      parents[pos] = parent;
      words[pos] = keys[j] - parent * V;
      pk[pos] = s.prob[j];
      bk[pos] = s.backoff[j];
    }
    levels[k - 2].childStart = childStarts(levels[k - 2].words.length, parents);
    levels.push({ words, parents, childStart: new Uint32Array(n + 1) });
    probs.push(pk);
    backoffs.push(bk);
  }
  backoffs.pop();
  return new BackoffModel(method, vocab, new Trie(levels, V), probs, backoffs);
}
