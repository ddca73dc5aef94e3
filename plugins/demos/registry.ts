// The server side of the widget registry: which widget kind shows which model, which options that kind
// understands, and how its static fallback looks. The browser side is client/widgets/index.ts (kind →
// mount). A model id missing here has no demo (the build says so, naming the file and line).
import { classifierKind } from "./static/classifier.ts";
import { digitsFallback } from "./static/digits.ts";
import { irisFallback } from "./static/iris.ts";
import { numeralsKind } from "./static/numerals.ts";
import { regressionFallback } from "./static/regression.ts";
import { spellDemo } from "./static/spell.ts";
import { digitsSample, irisSample, regressionSample, type SampleInput, type SampleResult } from "./static/samples.ts";
import { taggerKind } from "./static/tagger.ts";
import { ngramFallback, textFallback, textSample } from "./static/text.ts";
import type { Fallback, FallbackInput } from "./static/types.ts";
import { checkNgramOptions, checkTextOptions } from "./text-options.ts";

export interface DemoKind {
  /** The widget kind: `data-kind` of the island, a file under client/widgets/. */
  kind: string;
  /** Option keys this kind understands (besides the common ones); others are build errors. */
  options: string[];
  /** Checks and normalises the options in place; throws a message naming the bad option. */
  check?(options: Record<string, string>, id: string): void;
  fallback(input: FallbackInput): Fallback;
  /** Optional: the model's own answer for the island's data, computed at build time (static/samples.ts);
   *  it replaces the fallback's `output` text. Returns HTML-escaped text. */
  sample?(input: SampleInput): Promise<SampleResult>;
}

/** Options every demo takes: `variant` picks the manifest file (fp32, fp16, int8), `caption` the text
 *  under the widget. */
export const commonOptions = ["variant", "caption"];

const irisFeatures = ["sepal length", "sepal width", "petal length", "petal width"];

function checkIrisAxes(options: Record<string, string>, id: string): void {
  for (const axis of ["x", "y"] as const) {
    const given = options[axis];
    if (given === undefined) continue;
    const byName = irisFeatures.indexOf(given.toLowerCase().replace(/[_-]/g, " "));
    const index = byName >= 0 ? byName : /^[0-3]$/.test(given) ? Number(given) : -1;
    if (index < 0) throw new Error(`demo option ${axis}="${given}": an iris feature (${irisFeatures.join(", ")}) or 0–3`);
    if (id === "perceptron" && index < 2) throw new Error(`demo option ${axis}="${given}": the perceptron reads petal length and width only`);
    options[axis] = String(index);
  }
  if ((options.x ?? "2") === (options.y ?? "3")) throw new Error("demo options x and y name the same feature");
}

const digits: DemoKind = { kind: "digits", options: [], fallback: digitsFallback, sample: digitsSample };
const iris: DemoKind = { kind: "iris", options: ["x", "y"], check: checkIrisAxes, fallback: irisFallback, sample: irisSample };
const regression: DemoKind = { kind: "regression", options: [], fallback: regressionFallback, sample: regressionSample };
const text: DemoKind = { kind: "text", options: ["prompt", "length", "temperature", "topk"], check: checkTextOptions, fallback: textFallback, sample: textSample };
const ngram: DemoKind = { kind: "ngram", options: ["prompt", "length", "temperature"], check: checkNgramOptions, fallback: ngramFallback };

const table: Record<string, DemoKind> = {
  mlp: digits,
  cnn: digits,
  perceptron: iris,
  softmax: iris,
  linear: regression,
  spell: spellDemo,
  classify: classifierKind,
  bilstm: taggerKind,
  seq2seq: numeralsKind,
  rnn: text,
  lstm: text,
  stacked: text,
  transformer: text,
  ngram,
};

export function demoKind(id: string): DemoKind | undefined {
  return Object.hasOwn(table, id) ? table[id] : undefined;
}

/** Registers a kind for a model id (for kinds kept outside this file). */
export function registerDemo(id: string, kind: DemoKind): void {
  table[id] = kind;
}
