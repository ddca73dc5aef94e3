/**
 * tensorpost core: f32 tensors in WebAssembly memory, reverse-mode autograd, PyTorch-shaped modules.
 *
 * Tensors
 *   tensor(data, shape?, {dtype, requiresGrad}), zeros, ones, full, empty, randn, rand, uniform, arange
 *   Tensor: shape, strides, offset, dtype ("float32" | "int32" for indices), size, ndim, ptr,
 *     toFloat32Array/toInt32Array/toArray/tolist/item, copyFrom, free(), keep(), detach(), clone(),
 *     contiguous(), isContiguous(), requiresGrad, grad, backward(grad?)
 *   Views (no copy): reshape (when the layout allows), permute, transpose / .T, narrow, slice, expand,
 *     squeeze, unsqueeze, flatten; copies: contiguous (if needed), cat, stack
 * Memory
 *   tidy(fn): frees every tensor made inside fn except those returned or kept (parameters, grads,
 *   optimiser state are kept). Steady-state training steps inside tidy reuse the kernels' pool.
 *   bytesInUse(), peakBytes(), init(opts?) (async kernel load; otherwise loaded synchronously on first
 *   use), useKernels(k) (e.g. the shared-memory build with core/src/threads.ts), kernels()
 * Autograd
 *   backward(), noGrad(fn), isGradEnabled(), .grad accumulates on leaves with requiresGrad
 * Primitive ops (functional; most also as Tensor methods)
 *   add sub mul div pow maximum minimum (broadcasting) · eq gt lt step (no grad)
 *   neg exp log tanh sigmoid relu leakyRelu gelu (exact erf) sqrt abs square reciprocal
 *   sum mean max (any axes, keepdim) · argmax (int32, no grad) · matmul (batched, transposed views go to SGEMM as flags), bmm
 *   linear · softmax logSoftmax (any dim) · crossEntropy (ignoreIndex, reduction) · layerNorm
 *   dropout · embedding (gather / scatter-add), indexSelect (rows along dim 0, e.g. last states) · conv2d (stride, padding) · maxPool2d
 * Modules (PyTorch names and default initialisations; parameters named as in state dicts)
 *   Module (parameters, namedParameters, train/eval, zeroGrad, stateDict, loadStateDict, free)
 *   Linear, Conv2d, MaxPool2d, Embedding, RNN (tanh|relu), LSTM, GRU (numLayers, bidirectional,
 *   batchFirst, dropout; RNN, LSTM and GRU run as one fused op per layer and direction), RNNCell, LSTMCell,
 *   GRUCell (single steps, e.g. for attention decoders), LayerNorm, CausalSelfAttention (alias MultiheadSelfAttention), Dropout,
 *   Sequential, ReLU, LeakyReLU, Tanh, Sigmoid, GELU, Flatten
 * Losses: MSELoss, CrossEntropyLoss, BCEWithLogitsLoss (+ mseLoss, crossEntropy, bceWithLogits)
 * Optimisers: SGD (momentum, dampening, nesterov, weightDecay), Adam, AdamW; clipGradNorm
 * RNG: Generator (xoshiro128** seeded by SplitMix32; Box-Muller normals), manualSeed, defaultGenerator
 *
 * Work done in TypeScript over Float32Array views of the WASM memory (no kernel for it yet; each is a
 * candidate for core/assembly): the gate arithmetic of the fused RNN/LSTM/GRU sequence ops
 * (ops/rnn.ts, ops/lstm.ts, ops/gru.ts; their GEMMs are kernel calls), copies into strided
 * destinations (ops/util.ts copyInto: memmove per contiguous run) and index validation/conversion for
 * embedding, indexSelect and crossEntropy targets. Everything else is a kernel call.
 */
export { Tensor, tensor, zeros, ones, full, empty, randn, rand, uniform, arange, tidy, formatShape, type DType, type TensorOptions } from "./tensor.ts";
export { noGrad, isGradEnabled } from "./autograd.ts";
export { init, useKernels, bytesInUse, peakBytes, kernels } from "./backend.ts";
export { Generator, defaultGenerator, manualSeed } from "./rng.ts";
export { add, sub, mul, div, pow, maximum, minimum, eq, gt, lt, neg, exp, log, tanh, sigmoid, relu, leakyRelu, gelu, sqrt, abs, square, reciprocal, step } from "./ops/elementwise.ts";
export { sum, mean, max, argmax } from "./ops/reduce.ts";
export { matmul, bmm } from "./ops/matmul.ts";
export { reshape, permute, transpose, narrow, slice, expand, squeeze, unsqueeze, flatten, contiguous, clone, cat, stack } from "./ops/shape.ts";
export { linear, softmax, logSoftmax, crossEntropy, layerNorm, dropout, embedding, indexSelect, conv2d, maxPool2d, type Reduction } from "./ops/nn.ts";
export { Module, type Layer, type StateDict } from "./nn/module.ts";
export { kaimingUniform, xavierUniform, uniformInit, normalInit } from "./nn/init.ts";
export { Linear } from "./nn/linear.ts";
export { Conv2d } from "./nn/conv2d.ts";
export { MaxPool2d } from "./nn/maxpool2d.ts";
export { Embedding } from "./nn/embedding.ts";
export { RNN, RNNBase, RNNCell, RNNCellBase, type RNNOptions } from "./nn/rnn.ts";
export { LSTM, LSTMCell } from "./nn/lstm.ts";
export { GRU, GRUCell } from "./nn/gru.ts";
export { LayerNorm } from "./nn/layernorm.ts";
export { CausalSelfAttention, MultiheadSelfAttention } from "./nn/attention.ts";
export { Dropout } from "./nn/dropout.ts";
export { Sequential } from "./nn/sequential.ts";
export { ReLU, LeakyReLU, Tanh, Sigmoid, GELU, Flatten } from "./nn/activations.ts";
export { MSELoss, CrossEntropyLoss, BCEWithLogitsLoss, mseLoss, bceWithLogits } from "./losses.ts";
export { Optimizer } from "./optim/optimizer.ts";
export { SGD, type SGDOptions } from "./optim/sgd.ts";
export { Adam, AdamW, type AdamOptions } from "./optim/adam.ts";
export { clipGradNorm } from "./optim/clip.ts";
