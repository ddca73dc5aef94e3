// Small pieces of a model's data that its demo shows beside the model (published in the page, so the
// browser needs nothing but the manifest and the ONNX file): the iris flowers for the decision-region
// plot, the toy regression points, one test digit for the static figure (and the speller's tokens).
// Plain JSON, deterministic.
import { loadIris, IRIS_FEATURES } from "./data/iris.ts";
import { loadMnist, MNIST_PIXELS } from "./data/mnist.ts";
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

export type DemoData = IrisDemoData | LinearDemoData | DigitDemoData | SpellDemoData;

/** The first test 7: a clear, typical digit for the figure shown before the script runs. */
function sampleDigit(): DigitDemoData {
  const { test } = loadMnist();
  const row = test.y.indexOf(7);
  const px = test.x.subarray(row * MNIST_PIXELS, (row + 1) * MNIST_PIXELS);
  return { pixels: Array.from(px, (v) => Math.round(v * 255)), label: 7 };
}

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
    default:
      return undefined;
  }
}
