// Bad input gives clear errors: shape mismatches name the op and both shapes; freed tensors,
// unsupported dtypes and backward through a non-scalar without a gradient are reported.
import { test } from "uvu";
import * as assert from "uvu/assert";
import * as T from "../../core/src/index.ts";

test("shape mismatches name the op and both shapes", () => {
  T.tidy(() => {
    const a = T.zeros([2, 3]);
    assert.throws(() => a.add(T.zeros([4])), /add: shapes \[2, 3\] and \[4\] are not broadcastable/);
    assert.throws(() => T.mul(T.zeros([2, 3, 4]), T.zeros([3, 3])), /mul: shapes \[2, 3, 4\] and \[3, 3\]/);
    assert.throws(() => T.matmul(a, T.zeros([2, 5])), /matmul: shapes \[2, 3\] and \[2, 5\] are not compatible/);
    assert.throws(() => T.matmul(T.zeros([2, 2, 3]), T.zeros([4, 3, 5])), /matmul: batch dims of \[2, 2, 3\] and \[4, 3, 5\]/);
    assert.throws(() => T.linear(a, T.zeros([4, 5])), /linear: input shape \[2, 3\] does not match weight shape \[4, 5\]/);
    assert.throws(() => T.cat([a, T.zeros([3, 3])], 1), /cat: shapes \[2, 3\] and \[3, 3\]/);
    assert.throws(() => T.stack([a, T.zeros([3, 2])]), /stack: shapes \[2, 3\] and \[3, 2\]/);
    assert.throws(() => a.reshape(4, 2), /reshape: cannot reshape tensor of shape \[2, 3\] into \[4, 2\]/);
    assert.throws(() => T.conv2d(T.zeros([1, 2, 5, 5]), T.zeros([3, 4, 3, 3])), /conv2d: input shape \[1, 2, 5, 5\] does not match weight shape \[3, 4, 3, 3\]/);
    assert.throws(() => T.mseLoss(a, T.zeros([3, 2])), /mseLoss: input shape \[2, 3\] and target shape \[3, 2\]/);
    assert.throws(() => T.layerNorm(a, [4]), /layerNorm: input shape \[2, 3\] does not end with normalized shape \[4\]/);
    assert.throws(() => new T.LSTM(3, 4).forward(T.zeros([5, 2, 2])), /LSTM: input shape \[5, 2, 2\] does not match input size 3/);
    assert.throws(() => T.crossEntropy(a, [0, 5]), /crossEntropy: target 5 out of range for 3 classes/);
    assert.throws(() => T.crossEntropy(a, [0]), /crossEntropy: 1 targets for 2 rows/);
    assert.throws(() => T.embedding(a, [0, 2]), /embedding: index 2 out of range for 2 rows/);
    assert.throws(() => a.sum(2), /sum: axis 2 out of range for 2-d tensor/);
  });
});

test("ops on a freed tensor fail clearly", () => {
  const a = T.ones([2]);
  const b = T.ones([2]);
  a.free();
  assert.ok(a.isFreed);
  assert.throws(() => a.add(b), /add: tensor of shape \[2\] has been freed/);
  assert.throws(() => b.mul(a), /mul: tensor of shape \[2\] has been freed/);
  assert.throws(() => a.exp(), /exp: tensor of shape \[2\] has been freed/);
  assert.throws(() => a.toArray(), /has been freed/);
  assert.throws(() => T.matmul(a.reshape(1, 2), b.reshape(2, 1)), /reshape: tensor of shape \[2\] has been freed/);
  b.free();
});

test("unsupported dtypes are rejected", () => {
  assert.throws(() => T.tensor([1, 2], undefined, { dtype: "float64" }), /unsupported dtype "float64"/);
  assert.throws(() => T.zeros([2], { dtype: "bool" }), /unsupported dtype "bool"/);
  T.tidy(() => {
    const i = T.tensor(new Int32Array([1, 2]), [2]);
    assert.is(i.dtype, "int32");
    assert.throws(() => i.exp(), /exp: unsupported dtype int32 \(expected float32\)/);
    assert.throws(() => T.add(T.ones([2]), i), /add: unsupported dtype int32/);
    assert.throws(() => T.matmul(i.reshape(1, 2), T.ones([2, 1])), /matmul: unsupported dtype int32/);
  });
});

test("backward through a non-scalar needs a gradient; backward without grad history fails", () => {
  T.tidy(() => {
    const x = T.ones([2, 3], { requiresGrad: true });
    const y = x.mul(2);
    assert.throws(() => y.backward(), /backward: called on a non-scalar tensor of shape \[2, 3\] without a gradient/);
    assert.throws(() => y.backward(T.ones([3])), /gradient shape \[3\] does not match tensor shape \[2, 3\]/);
    y.backward(T.full([2, 3], 0.5));
    assert.equal(x.grad!.toArray(), new Array(6).fill(1));
    assert.throws(() => T.ones([1]).backward(), /does not require grad/);
  });
});

test("useKernels after the kernels are in use is refused", () => {
  const k = T.kernels();
  T.useKernels(k); // same instance: fine
  assert.throws(() => T.useKernels({ ...k } as typeof k), /kernels are already loaded/);
});

test.run();
