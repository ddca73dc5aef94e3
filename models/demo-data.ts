// Small pieces of a model's data that its demo shows beside the model (published in the page, so the
// browser needs nothing but the manifest and the ONNX file): the iris flowers for the decision-region
// plot, the toy regression points, one test digit for the static figure (and the speller's tokens), the
// text demos' first inputs and two validation poems. Plain JSON, deterministic.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { loadIris, IRIS_FEATURES } from "./data/iris.ts";
import { loadMnist, MNIST_PIXELS } from "./data/mnist.ts";
import { poemsDir } from "./data/tang.ts";
import { linearToyData } from "./families/sequential.ts";
import { BOS, DIGIT_NAMES, EOS, LONGEST, TOKENS } from "./families/spell.ts";
import { getSpec } from "./specs/index.ts";

export interface IrisDemoData {
  features: string[];
  classes: string[];
  /** Columns of the 4 features the model reads, in its input order (perceptron: petal length, width). */
  inputs: number[];
  /** Perceptron only: the class its output 1 stands for. */
  positive?: string;
  /** All 150 flowers: 4 features and the class index. */
  rows: { x: number[]; y: number }[];
}

export interface LinearDemoData {
  train: { x: number[]; y: number[] };
  test: { x: number[]; y: number[] };
}

export interface DigitDemoData {
  /** One test digit, 28×28 row-major, as 0–255 integers (short in JSON); and its label. */
  pixels: number[];
  label: number;
}

/** The speller's demo (spell): the test digit of the static figure and the decoder's token table. */
export interface SpellDemoData extends DigitDemoData {
  /** Output tokens by id (`<pad>`, `<s>`, `</s>`, then the letters); `bos` starts, `eos` ends. */
  tokens: string[];
  bos: number;
  eos: number;
  /** Decoder steps at most. */
  maxOut: number;
  /** The name of each digit (what the static figure shows the model is asked for). */
  names: string[];
}

/** The first test 7: a clear, typical digit for the figure shown before the script runs. */
function sampleDigit(): DigitDemoData {
  const { test } = loadMnist();
  const row = test.y.indexOf(7);
  const px = test.x.subarray(row * MNIST_PIXELS, (row + 1) * MNIST_PIXELS);
  return { pixels: Array.from(px, (v) => Math.round(v * 255)), label: 7 };
}

/** The first input of a text demo (bilstm: an English sentence; seq2seq: a Chinese numeral). */
export interface TextDemoData {
  text: string;
}

export interface PoemSample {
  /** The class name of the vocabulary file (`tang`, `song`). */
  label: string;
  title: string;
  author: string;
  /** The poem's lines joined (models/data/tang.ts reads it so, then adds `\n`). */
  text: string;
}

export interface PoemDemoData {
  samples: PoemSample[];
}

export type DemoData = IrisDemoData | LinearDemoData | DigitDemoData | SpellDemoData | TextDemoData | PoemDemoData;

function irisData(id: string): IrisDemoData {
  const iris = loadIris();
  const options = getSpec(id).data.options ?? {};
  const petalOnly = id === "perceptron" && (options.features ?? "petal") === "petal";
  return {
    features: [...IRIS_FEATURES],
    classes: iris.classes,
    inputs: petalOnly ? [2, 3] : [0, 1, 2, 3],
    positive: id === "perceptron" ? String(options.positive ?? "setosa") : undefined,
    rows: iris.features.map((x, i) => ({ x: [...x], y: iris.labels[i] })),
  };
}

/** Where a poem is: `poet.<dynasty>.<file>.json`, entry `position`. */
export interface PoemPlace {
  dynasty: "tang" | "song";
  file: number;
  position: number;
}

// Two validation poems (short, every character in the vocabulary) that both the quick and the parity
// classify model get right, checked in Node with the published ONNX files (quick 0.72 / parity 0.95
// Tang; 0.69 / 0.90 Song). test/demos/text-demos.test.ts keeps them in the validation split.
export const POEM_SAMPLES: (PoemPlace & { label: string })[] = [
  { label: "tang", dynasty: "tang", file: 39000, position: 329 }, // 韋莊《春陌二首 二》
  { label: "song", dynasty: "song", file: 238000, position: 488 }, // 徐鈞《溫嶠》
];

/** One poem, reading only the file that holds it. */
export function poemAt(place: PoemPlace, dir = poemsDir()): { title: string; author: string; text: string } {
  const poems = JSON.parse(readFileSync(join(dir, `poet.${place.dynasty}.${place.file}.json`), "utf8")) as { title?: string; author?: string; paragraphs?: string[] }[];
  const poem = poems[place.position];
  if (!poem) throw new Error(`poet.${place.dynasty}.${place.file}.json has no poem ${place.position}`);
  return { title: poem.title ?? "", author: poem.author ?? "", text: (poem.paragraphs ?? []).join("") };
}

/** The demo data of a model, or undefined when its demo needs none. */
export function demoData(id: string): DemoData | undefined {
  switch (id) {
    case "perceptron":
    case "softmax":
      return irisData(id);
    case "linear": {
      const { train, test } = linearToyData();
      return { train: { x: [...train.x], y: [...train.y] }, test: { x: [...test.x], y: [...test.y] } };
    }
    case "mlp":
    case "cnn":
      return sampleDigit();
    case "spell": {
      const a = getSpec(id).architecture;
      const maxOut = a.family === "spell" ? a.maxOut : LONGEST;
      return { ...sampleDigit(), tokens: [...TOKENS], bos: BOS, eos: EOS, maxOut, names: [...DIGIT_NAMES] };
    }
    case "classify":
      return { samples: POEM_SAMPLES.map((p) => ({ label: p.label, ...poemAt(p) })) };
    case "bilstm":
      return { text: "The old man saw a dog in the park." };
    case "seq2seq":
      return { text: "三千零五十" };
    default:
      return undefined;
  }
}
