/**
 * Command line: train an n-gram model from a text file and write ARPA; score a text with an ARPA
 * model; export an ARPA model to the browser's binary form. See ngram/README.md.
 *
 *   npx tsx ngram/cli.ts train --order 3 --method mkn --input text.txt --output model.arpa
 *   npx tsx ngram/cli.ts ppl --model model.arpa --input test.txt
 *   npx tsx ngram/cli.ts export --model model.arpa --output model.bin [--bits 8]
 */
import { readFileSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { readArpa, writeArpa } from "./arpa.ts";
import { BackoffModel } from "./backoff.ts";
import { encodeBinary } from "./binary.ts";
import { countNgrams } from "./counts.ts";
import { evaluate } from "./model.ts";
import { METHODS, parseMethod, trainModel } from "./smoothing/index.ts";
import { BOS, EOS, UNK, buildVocab, encodeSentences, tokenizeLine } from "./vocab.ts";

export const USAGE = `usage:
  ngram train --order N --method M --input text.txt --output model.arpa
              [--min-count C] [--delta D] [--discount D] [--vocab-size V]
  ngram ppl --model model.arpa --input test.txt [--verbose]
  ngram export --model model.arpa --output model.bin [--bits 8|16]

Input: one sentence per line, tokens separated by spaces; blank lines are skipped.
Methods: ${METHODS.join(", ")}.`;

export class UsageError extends Error {}

type Flags = Record<string, string>;

function parseFlags(args: string[], allowed: string[], booleans: string[] = []): Flags {
  const flags: Flags = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (!a.startsWith("--")) throw new UsageError(`unexpected argument ${JSON.stringify(a)}`);
    const name = a.slice(2);
    if (booleans.includes(name)) {
      flags[name] = "true";
      continue;
    }
    if (!allowed.includes(name)) throw new UsageError(`unknown option --${name}`);
    const v = args[i + 1];
    if (v === undefined || v.startsWith("--")) throw new UsageError(`option --${name} needs a value`);
    flags[name] = v;
    i++;
  }
  return flags;
}

function need(flags: Flags, name: string): string {
  const v = flags[name];
  if (v === undefined) throw new UsageError(`missing --${name}`);
  return v;
}

function intFlag(flags: Flags, name: string, fallback?: number): number {
  const raw = flags[name];
  if (raw === undefined) {
    if (fallback === undefined) throw new UsageError(`missing --${name}`);
    return fallback;
  }
  const v = Number(raw);
  if (!Number.isInteger(v)) throw new UsageError(`--${name} must be an integer, got ${JSON.stringify(raw)}`);
  return v;
}

function numFlag(flags: Flags, name: string): number | undefined {
  const raw = flags[name];
  if (raw === undefined) return undefined;
  const v = Number(raw);
  if (!Number.isFinite(v) || v <= 0) throw new UsageError(`--${name} must be a positive number, got ${JSON.stringify(raw)}`);
  return v;
}

function readText(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (e) {
    throw new Error(`cannot read ${path}: ${(e as Error).message}`);
  }
}

/** Sentences of a text file (one per non-blank line). */
export function readSentences(path: string): string[][] {
  const out: string[][] = [];
  readText(path)
    .split(/\r?\n/)
    .forEach((line, i) => {
      const toks = tokenizeLine(line);
      if (toks.length === 0) return;
      for (const t of toks) if (t === BOS || t === EOS) throw new Error(`${path}:${i + 1}: ${t} is added by the tool; remove it from the text`);
      out.push(toks);
    });
  return out;
}

function train(args: string[], log: (s: string) => void): void {
  const f = parseFlags(args, ["order", "method", "input", "output", "min-count", "delta", "discount", "vocab-size"]);
  const order = intFlag(f, "order");
  if (order < 1 || order > 9) throw new UsageError(`--order must be between 1 and 9, got ${order}`);
  const method = parseMethod(need(f, "method"));
  const input = need(f, "input");
  const output = need(f, "output");
  const minCount = intFlag(f, "min-count", 1);
  if (minCount < 1) throw new UsageError("--min-count must be ≥ 1");
  if ((method === "laplace" || method === "lidstone") && order > 1) {
    throw new Error(`${method} is not a back-off model, so it has no ARPA form beyond order 1; use a back-off method (${METHODS.filter((m) => m !== "laplace" && m !== "lidstone").join(", ")})`);
  }
  const sentences = readSentences(input);
  if (sentences.length === 0) throw new Error(`${input}: no sentences (the file is empty or blank)`);
  const vocab = buildVocab(sentences, { minCount });
  const corpus = encodeSentences(sentences, vocab);
  const started = Date.now();
  const counts = countNgrams(corpus, vocab, order);
  const vocabSize = f["vocab-size"] === undefined ? undefined : intFlag(f, "vocab-size");
  const model = trainModel(method, counts, order, { delta: numFlag(f, "delta"), discount: numFlag(f, "discount"), vocabSize, train: corpus });
  if (!(model instanceof BackoffModel)) throw new Error(`${method} has no ARPA form`);
  writeFileSync(output, writeArpa(model));
  const n = model.ngramCounts();
  log(`trained ${method} order ${order} on ${sentences.length} sentences (${vocab.size} vocabulary entries, ${n.map((c, i) => `${i + 1}-grams ${c}`).join(", ")}) in ${Date.now() - started} ms; wrote ${output}`);
}

function ppl(args: string[], log: (s: string) => void): void {
  const f = parseFlags(args, ["model", "input"], ["verbose"]);
  const model = readArpa(readText(need(f, "model")));
  const input = need(f, "input");
  const sentences = readSentences(input);
  if (sentences.length === 0) throw new Error(`${input}: no sentences (the file is empty or blank)`);
  let oov = 0;
  for (const s of sentences) for (const w of s) if (!model.vocab.has(w) || w === UNK) oov++;
  const corpus = encodeSentences(sentences, model.vocab);
  const r = evaluate(model, corpus);
  if (f.verbose) {
    let j = 0;
    sentences.forEach((s) => {
      log([...s, EOS].map((w) => `${w}=${(r.logProbs[j++] / Math.LN10).toFixed(4)}`).join(" "));
    });
  }
  log(`sentences ${sentences.length}, tokens ${r.tokens} (words and </s>), OOV ${oov} (scored as <unk>)`);
  log(`log10 prob ${(r.logProb / Math.LN10).toFixed(4)}, perplexity ${r.perplexity.toFixed(4)}`);
}

function exportBinary(args: string[], log: (s: string) => void): void {
  const f = parseFlags(args, ["model", "output", "bits"]);
  const bits = intFlag(f, "bits", 8);
  if (bits !== 8 && bits !== 16) throw new UsageError("--bits must be 8 or 16");
  const model = readArpa(readText(need(f, "model")));
  const bytes = encodeBinary(model, { bits });
  writeFileSync(need(f, "output"), bytes);
  log(`wrote ${f.output}: ${bytes.length} bytes (${bits}-bit quantised)`);
}

/** Runs the CLI; returns the exit code (0 ok, 1 error, 2 usage). */
export function main(argv: string[], log: (s: string) => void = console.log, error: (s: string) => void = console.error): number {
  const [cmd, ...rest] = argv;
  try {
    switch (cmd) {
      case "train":
        train(rest, log);
        return 0;
      case "ppl":
        ppl(rest, log);
        return 0;
      case "export":
        exportBinary(rest, log);
        return 0;
      case undefined:
      case "help":
      case "--help":
      case "-h":
        log(USAGE);
        return cmd === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command ${JSON.stringify(cmd)}`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      error(`ngram: ${e.message}\n${USAGE}`);
      return 2;
    }
    error(`ngram: ${(e as Error).message}`);
    return 1;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) process.exitCode = main(process.argv.slice(2));
