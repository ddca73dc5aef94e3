/**
 * Validation of a model spec (models/specs/<id>.ts) before anything is trained: every field of the
 * contract (models/types.ts) present and of the right kind, layer types known, and the shapes of a
 * sequential stack consistent from the data set's input to its output. Every problem names the spec
 * file and the field path, e.g.
 *
 *   models/specs/mlp.ts: architecture.layers[2].in: expected 500 (output of layers[0]), got 400
 *
 * `checkSpec` throws a SpecError listing all problems (the first one leads the message);
 * `specProblems` returns them.
 */
import type { ModelSpec } from "./types.ts";

export class SpecError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(problems.map((p) => `${file}: ${p}`).join("\n"));
    this.name = "SpecError";
  }
}

const DATA_SETS = ["mnist", "iris", "brown", "tang", "tang-song", "numerals", "linear-toy"];
const FAMILIES = ["sequential", "perceptron", "char-rnn", "transformer-lm", "seq-classifier", "tagger", "seq2seq", "spell"];
const LAYER_TYPES = ["linear", "conv2d", "maxpool2d", "relu", "tanh", "sigmoid", "gelu", "flatten"];
const OPTIMIZERS = ["adam", "sgd", "perceptron"];
const LOSSES = ["cross-entropy", "mse", "perceptron"];
const METRICS = ["test-mse", "accuracy", "balanced-accuracy", "token-accuracy", "bpc", "exact-match"];
const RULES = ["median-le-2x", "eq-100", "ge-sklearn", "ge-mean-minus", "le-mean-times", "ge-absolute"];
const RULES_WITH_VALUE = ["median-le-2x", "ge-mean-minus", "le-mean-times", "ge-absolute"];

/** Per-example input shape and number of outputs (classes or targets) of the data sets a sequential stack reads. */
const SEQUENTIAL_DATA: Record<string, { inputs: number[][]; outputs: number; what: string }> = {
  mnist: { inputs: [[784], [1, 28, 28]], outputs: 10, what: "mnist classes" },
  iris: { inputs: [[4]], outputs: 3, what: "iris classes" },
  "linear-toy": { inputs: [[1]], outputs: 1, what: "linear-toy targets" },
};

/** Required fields of each non-sequential family: positive integers unless listed in `choices`. */
const FAMILY_FIELDS: Record<string, { ints: string[]; choices?: Record<string, string[]> }> = {
  perceptron: { ints: ["features"] },
  "char-rnn": { ints: ["embed", "hidden", "layers"], choices: { cell: ["rnn", "lstm", "gru"] } },
  "transformer-lm": { ints: ["d", "heads", "blocks", "ff", "context"] },
  "seq-classifier": { ints: ["embed", "hidden", "classes", "maxLength"] },
  tagger: { ints: ["embed", "hidden", "minCount"] },
  seq2seq: { ints: ["embed", "hidden", "maxIn", "maxOut"], choices: { cell: ["gru", "lstm"] } },
  spell: { ints: ["embed", "hidden", "maxOut"], choices: { cell: ["gru", "rnn"] } },
};

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const show = (v: unknown): string => (v === undefined ? "nothing" : JSON.stringify(v));
const isPosInt = (v: unknown): v is number => typeof v === "number" && Number.isInteger(v) && v > 0;
const shapeStr = (s: number[]): string => `[${s.join(", ")}]`;

class Checker {
  readonly problems: string[] = [];
  add(path: string, msg: string): void {
    this.problems.push(`${path}: ${msg}`);
  }
  obj(o: Obj, key: string, path: string): Obj | undefined {
    const v = o[key];
    if (v === undefined) this.add(path, "missing field");
    else if (!isObj(v)) this.add(path, `expected an object, got ${show(v)}`);
    else return v;
    return undefined;
  }
  str(o: Obj, key: string, path: string, optional = false): string | undefined {
    const v = o[key];
    if (v === undefined) {
      if (!optional) this.add(path, "missing field");
    } else if (typeof v !== "string" || v === "") this.add(path, `expected a non-empty string, got ${show(v)}`);
    else return v;
    return undefined;
  }
  oneOf(o: Obj, key: string, path: string, choices: string[], what: string, optional = false): string | undefined {
    const v = o[key];
    if (v === undefined) {
      if (!optional) this.add(path, "missing field");
    } else if (typeof v !== "string" || !choices.includes(v)) this.add(path, `unknown ${what} ${show(v)} (known: ${choices.join(", ")})`);
    else return v;
    return undefined;
  }
  posInt(o: Obj, key: string, path: string, optional = false, min = 1): number | undefined {
    const v = o[key];
    if (v === undefined) {
      if (!optional) this.add(path, "missing field");
    } else if (typeof v !== "number" || !Number.isInteger(v) || v < min) this.add(path, `expected an integer ≥ ${min}, got ${show(v)}`);
    else return v;
    return undefined;
  }
  num(o: Obj, key: string, path: string, optional = false, positive = false): number | undefined {
    const v = o[key];
    if (v === undefined) {
      if (!optional) this.add(path, "missing field");
    } else if (typeof v !== "number" || !Number.isFinite(v) || (positive && !(v > 0))) this.add(path, `expected a ${positive ? "positive " : ""}finite number, got ${show(v)}`);
    else return v;
    return undefined;
  }
  bool(o: Obj, key: string, path: string): void {
    const v = o[key];
    if (v !== undefined && typeof v !== "boolean") this.add(path, `expected true or false, got ${show(v)}`);
  }
}

function checkTraining(c: Checker, t: Obj, path: string, partial: boolean): void {
  const known = ["optimizer", "loss", "batch", "epochs", "steps", "clip", "window", "evalEvery", "untilConverged"];
  for (const k of Object.keys(t)) if (!known.includes(k)) c.add(`${path}.${k}`, `unknown field (known: ${known.join(", ")})`);
  if (!partial || t.optimizer !== undefined) {
    const o = c.obj(t, "optimizer", `${path}.optimizer`);
    if (o) {
      c.oneOf(o, "type", `${path}.optimizer.type`, OPTIMIZERS, "optimizer");
      c.num(o, "lr", `${path}.optimizer.lr`, false, true);
      if (o.betas !== undefined) {
        const b = o.betas;
        if (!Array.isArray(b) || b.length !== 2 || b.some((x) => typeof x !== "number" || !(x >= 0 && x < 1))) c.add(`${path}.optimizer.betas`, `expected two numbers in [0, 1), got ${show(b)}`);
      }
      c.num(o, "eps", `${path}.optimizer.eps`, true, true);
      c.num(o, "momentum", `${path}.optimizer.momentum`, true);
      c.num(o, "weightDecay", `${path}.optimizer.weightDecay`, true);
    }
  }
  c.oneOf(t, "loss", `${path}.loss`, LOSSES, "loss", partial);
  c.posInt(t, "batch", `${path}.batch`, true);
  c.posInt(t, "epochs", `${path}.epochs`, true);
  c.posInt(t, "steps", `${path}.steps`, true);
  c.num(t, "clip", `${path}.clip`, true, true);
  c.posInt(t, "window", `${path}.window`, true, 2);
  c.posInt(t, "evalEvery", `${path}.evalEvery`, true);
  c.bool(t, "untilConverged", `${path}.untilConverged`);
  if (!partial && t.epochs === undefined && t.steps === undefined) c.add(`${path}.steps`, "missing field (a budget needs steps or epochs)");
}

/** Walks a sequential stack from the input shape, checking each layer against what reaches it. */
function checkSequential(c: Checker, a: Obj, dataSet: string | undefined, loss: unknown): void {
  const input = a.input;
  const data = dataSet ? SEQUENTIAL_DATA[dataSet] : undefined;
  if (dataSet && !data) c.add("data.set", `a sequential stack cannot read ${show(dataSet)} (it reads: ${Object.keys(SEQUENTIAL_DATA).join(", ")})`);
  if (input === undefined) c.add("architecture.input", "missing field");
  else if (!Array.isArray(input) || input.length === 0 || !input.every(isPosInt)) c.add("architecture.input", `expected a shape of positive integers, got ${show(input)}`);
  else if (data && !data.inputs.some((s) => s.length === input.length && s.every((d, i) => d === input[i]))) {
    c.add("architecture.input", `expected ${data.inputs.map(shapeStr).join(" or ")} (${dataSet} examples), got ${shapeStr(input as number[])}`);
  }
  if (a.init !== undefined && a.init !== "core" && a.init !== "torch") c.add("architecture.init", `unknown init ${show(a.init)} (known: core, torch)`);
  const layers = a.layers;
  if (layers === undefined) return c.add("architecture.layers", "missing field");
  if (!Array.isArray(layers) || layers.length === 0) return c.add("architecture.layers", `expected a non-empty list of layers, got ${show(layers)}`);
  let shape: number[] | undefined = Array.isArray(input) && input.every(isPosInt) ? (input as number[]).slice() : undefined;
  let from = "the input";
  layers.forEach((layer: unknown, i: number) => {
    const p = `architecture.layers[${i}]`;
    if (!isObj(layer)) return c.add(p, `expected a layer object, got ${show(layer)}`);
    const type = c.oneOf(layer, "type", `${p}.type`, LAYER_TYPES, "layer type");
    if (!type) {
      shape = undefined;
      return;
    }
    const here = `output of layers[${i}]`;
    switch (type) {
      case "linear": {
        const inF = c.posInt(layer, "in", `${p}.in`);
        const outF = c.posInt(layer, "out", `${p}.out`);
        c.bool(layer, "bias", `${p}.bias`);
        if (shape && shape.length !== 1) c.add(p, `linear needs a flat input, got ${shapeStr(shape)} (${from}); add a flatten layer before it`);
        else if (shape && inF !== undefined && shape[0] !== inF) c.add(`${p}.in`, `expected ${shape[0]} (${from}), got ${inF}`);
        shape = outF !== undefined ? [outF] : undefined;
        break;
      }
      case "conv2d": {
        const inC = c.posInt(layer, "in", `${p}.in`);
        const outC = c.posInt(layer, "out", `${p}.out`);
        const k = c.posInt(layer, "kernel", `${p}.kernel`);
        const pad = c.posInt(layer, "padding", `${p}.padding`, true, 0) ?? 0;
        const s = c.posInt(layer, "stride", `${p}.stride`, true) ?? 1;
        if (shape && shape.length !== 3) {
          c.add(p, `conv2d needs a [channels, height, width] input, got ${shapeStr(shape)} (${from})`);
          shape = undefined;
        } else if (shape && inC !== undefined && k !== undefined && outC !== undefined) {
          if (shape[0] !== inC) c.add(`${p}.in`, `expected ${shape[0]} (channels of the ${from}), got ${inC}`);
          const h = Math.floor((shape[1] + 2 * pad - k) / s) + 1;
          const w = Math.floor((shape[2] + 2 * pad - k) / s) + 1;
          if (h < 1 || w < 1) {
            c.add(`${p}.kernel`, `a ${k}×${k} kernel does not fit the ${shape[1]}×${shape[2]} ${from} (padding ${pad})`);
            shape = undefined;
          } else shape = [outC, h, w];
        } else shape = undefined;
        break;
      }
      case "maxpool2d": {
        const k = c.posInt(layer, "kernel", `${p}.kernel`);
        const s = c.posInt(layer, "stride", `${p}.stride`, true) ?? k;
        if (shape && shape.length !== 3) {
          c.add(p, `maxpool2d needs a [channels, height, width] input, got ${shapeStr(shape)} (${from})`);
          shape = undefined;
        } else if (shape && k !== undefined && s !== undefined) {
          const h = Math.floor((shape[1] - k) / s) + 1;
          const w = Math.floor((shape[2] - k) / s) + 1;
          if (h < 1 || w < 1) {
            c.add(`${p}.kernel`, `a ${k}×${k} window does not fit the ${shape[1]}×${shape[2]} ${from}`);
            shape = undefined;
          } else shape = [shape[0], h, w];
        } else shape = undefined;
        break;
      }
      case "flatten":
        if (shape) shape = [shape.reduce((x, y) => x * y, 1)];
        break;
      default:
        // Activations keep the shape.
        return;
    }
    from = here;
  });
  const out = shape as number[] | undefined;
  if (out && data) {
    const last = `architecture.layers[${layers.length - 1}]`;
    if (out.length !== 1) c.add(last, `the stack must end flat with ${data.outputs} outputs (${data.what}), it ends with ${shapeStr(out)}`);
    else if (out[0] !== data.outputs) c.add(`${last}.out`, `expected ${data.outputs} (${data.what}), got ${out[0]}`);
  }
  if (dataSet === "linear-toy" && loss !== undefined && loss !== "mse") c.add("training.loss", `linear-toy is a regression: expected "mse", got ${show(loss)}`);
  if ((dataSet === "mnist" || dataSet === "iris") && loss !== undefined && loss !== "cross-entropy") c.add("training.loss", `${dataSet} is a classification: expected "cross-entropy", got ${show(loss)}`);
}

/** All problems of a spec (empty when it is valid), each `field.path: message`. */
export function specProblems(spec: unknown, expectedId?: string): string[] {
  const c = new Checker();
  if (!isObj(spec)) {
    c.add("(spec)", `expected an object, got ${show(spec)}`);
    return c.problems;
  }
  const known = ["id", "section", "data", "architecture", "training", "full", "quick", "seed", "quality"];
  for (const k of Object.keys(spec)) if (!known.includes(k)) c.add(k, `unknown field (known: ${known.join(", ")})`);
  const id = c.str(spec, "id", "id");
  if (id !== undefined && expectedId !== undefined && id !== expectedId) c.add("id", `expected ${show(expectedId)} (the file's name), got ${show(id)}`);
  c.str(spec, "section", "section");
  let dataSet: string | undefined;
  const data = c.obj(spec, "data", "data");
  if (data) {
    dataSet = c.oneOf(data, "set", "data.set", DATA_SETS, "data set");
    if (data.options !== undefined) {
      if (!isObj(data.options)) c.add("data.options", `expected an object, got ${show(data.options)}`);
      else for (const [k, v] of Object.entries(data.options)) if (!["number", "string", "boolean"].includes(typeof v)) c.add(`data.options.${k}`, `expected a number, string or boolean, got ${show(v)}`);
    }
  }
  const training = c.obj(spec, "training", "training");
  if (training) checkTraining(c, training, "training", false);
  if (spec.full !== undefined) {
    if (!isObj(spec.full)) c.add("full", `expected an object, got ${show(spec.full)}`);
    else checkTraining(c, spec.full, "full", true);
  }
  if (spec.quick !== undefined) {
    if (!isObj(spec.quick)) c.add("quick", `expected an object, got ${show(spec.quick)}`);
    else checkTraining(c, spec.quick, "quick", true);
  }
  const arch = c.obj(spec, "architecture", "architecture");
  if (arch) {
    const family = c.oneOf(arch, "family", "architecture.family", FAMILIES, "family");
    if (family === "sequential") checkSequential(c, arch, dataSet, training?.loss);
    else if (family) {
      const f = FAMILY_FIELDS[family];
      for (const k of f.ints) c.posInt(arch, k, `architecture.${k}`);
      for (const [k, choices] of Object.entries(f.choices ?? {})) c.oneOf(arch, k, `architecture.${k}`, choices, k);
      if (family === "transformer-lm" && isPosInt(arch.d) && isPosInt(arch.heads) && arch.d % arch.heads !== 0) c.add("architecture.heads", `${arch.heads} heads do not divide d = ${arch.d}`);
      if (family === "spell" && dataSet !== undefined && dataSet !== "mnist") c.add("data.set", `the spell family reads digit images: expected "mnist", got ${show(dataSet)}`);
      if (family === "spell" && isPosInt(arch.maxOut) && arch.maxOut < 6) c.add("architecture.maxOut", `expected at least 6 (the longest name, "three", and its end token), got ${arch.maxOut}`);
      if (family === "perceptron" && training && training.optimizer && isObj(training.optimizer) && training.optimizer.type !== "perceptron") {
        c.add("training.optimizer.type", `the perceptron family trains by the perceptron rule: expected "perceptron", got ${show(training.optimizer.type)}`);
      }
    }
  }
  const seed = spec.seed;
  if (seed === undefined) c.add("seed", "missing field");
  else if (typeof seed !== "number" || !Number.isInteger(seed) || seed < 0) c.add("seed", `expected an integer ≥ 0, got ${show(seed)}`);
  const q = c.obj(spec, "quality", "quality");
  if (q) {
    c.oneOf(q, "metric", "quality.metric", METRICS, "metric");
    const rule = c.oneOf(q, "rule", "quality.rule", RULES, "rule");
    c.num(q, "value", "quality.value", !(rule && RULES_WITH_VALUE.includes(rule)));
    c.posInt(q, "seeds", "quality.seeds", true);
  }
  return c.problems;
}

/** Checks a spec and returns it typed; throws a SpecError naming the file and every bad field. */
export function checkSpec(spec: unknown, file: string, expectedId?: string): ModelSpec {
  const problems = specProblems(spec, expectedId);
  if (problems.length) throw new SpecError(file, problems);
  return spec as ModelSpec;
}
