// PyTorch's default initialisers, drawing from a Generator (the global one unless given).
import { tensor, sizeOf, type Tensor } from "../tensor.ts";
import { defaultGenerator, type Generator } from "../rng.ts";

export function uniformInit(shape: readonly number[], bound: number, gen: Generator = defaultGenerator): Tensor {
  const buf = new Float32Array(sizeOf(shape));
  gen.fillUniform(buf, -bound, bound);
  return tensor(buf, shape);
}

export function normalInit(shape: readonly number[], std = 1, gen: Generator = defaultGenerator): Tensor {
  const buf = new Float32Array(sizeOf(shape));
  gen.fillNormal(buf, 0, std);
  return tensor(buf, shape);
}

export function zerosInit(shape: readonly number[]): Tensor {
  return tensor(new Float32Array(sizeOf(shape)), shape);
}

export function onesInit(shape: readonly number[]): Tensor {
  return tensor(new Float32Array(sizeOf(shape)).fill(1), shape);
}

/** fan_in of a weight [out, in, ...receptive field] (PyTorch's convention). */
export function fanIn(shape: readonly number[]): number {
  return shape.length < 2 ? shape[0] : shape[1] * sizeOf(shape.slice(2));
}

export function fanOut(shape: readonly number[]): number {
  return shape.length < 2 ? shape[0] : shape[0] * sizeOf(shape.slice(2));
}

/** kaiming_uniform_(a): bound = gain·√(3 / fan_in), gain = √(2 / (1 + a²)). With a = √5 this is 1/√fan_in. */
export function kaimingUniform(shape: readonly number[], a = Math.sqrt(5), gen: Generator = defaultGenerator): Tensor {
  const gain = Math.sqrt(2 / (1 + a * a));
  return uniformInit(shape, gain * Math.sqrt(3 / fanIn(shape)), gen);
}

/** xavier_uniform_: bound = gain·√(6 / (fan_in + fan_out)). */
export function xavierUniform(shape: readonly number[], gain = 1, gen: Generator = defaultGenerator): Tensor {
  return uniformInit(shape, gain * Math.sqrt(6 / (fanIn(shape) + fanOut(shape))), gen);
}
