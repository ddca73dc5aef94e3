// Progress output: plain lines every N steps when not a TTY (model, step/total, loss, time, ETA), one
// line rewritten in place on a TTY; the trainer writes them for a run.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { Progress, formatSeconds } from "../../models/train/progress.ts";
import { trainWith } from "../../models/train/trainer.ts";
import { sequentialFamily } from "../../models/families/sequential.ts";
import type { Family } from "../../models/types.ts";
import { getSpec } from "../../models/specs/index.ts";
import { parseArgs } from "../../models/train/cli.ts";

function sink(isTTY: boolean) {
  const out: string[] = [];
  return { out, stream: { isTTY, write: (s: string) => out.push(s) } };
}

test("non-TTY: a plain line at step 1, every N steps and at the last", () => {
  let t = 0;
  const { out, stream } = sink(false);
  const p = new Progress("mlp", 12, { stream, every: 5, now: () => t });
  for (let s = 1; s <= 12; s++) {
    t += 500;
    p.step(s, 2.5 / s);
  }
  p.done();
  assert.equal(out, [
    "mlp  step 1/12  loss 2.5000  0.5s  ETA 5.5s\n",
    "mlp  step 5/12  loss 0.5000  2.5s  ETA 3.5s\n",
    "mlp  step 10/12  loss 0.2500  5.0s  ETA 1.0s\n",
    "mlp  step 12/12  loss 0.2083  6.0s  ETA 0.0s\n",
  ]);
});

test("TTY: one updating line (carriage return, erase), throttled, ended by a newline", () => {
  let t = 0;
  const { out, stream } = sink(true);
  const p = new Progress("cnn", 100, { stream, now: () => t });
  for (let s = 1; s <= 100; s++) {
    t += 10;
    p.step(s, 1);
  }
  p.done();
  assert.ok(out.length >= 9 && out.length <= 12, `${out.length} writes`);
  assert.ok(out.slice(0, -1).every((l) => l.startsWith("\r\x1b[2Kcnn  step ") && !l.includes("\n")));
  assert.ok(out[out.length - 2].includes("step 100/100"));
  assert.is(out[out.length - 1], "\n");
});

test("the trainer writes progress and evaluation lines for a run", async () => {
  const { out, stream } = sink(false);
  await trainWith(sequentialFamily as unknown as Family<unknown, unknown>, getSpec("softmax"), { progress: { stream, every: 100 } });
  const lines = out.join("").trim().split("\n");
  assert.ok(lines.includes("softmax  step 500/500  accuracy 1.0000  loss 0.0725") || lines.some((l) => /^softmax {2}step 500\/500 {2}accuracy /.test(l)), lines.join("\n"));
  assert.is(lines.filter((l) => /^softmax {2}step \d+\/500 {2}loss \d/.test(l)).length, 6, "steps 1, 100, 200, 300, 400, 500");
  assert.is(lines.filter((l) => / {2}accuracy /.test(l)).length, 20, "evaluation every 25 steps");
});

test("time format and CLI arguments", () => {
  assert.is(formatSeconds(3.21), "3.2s");
  assert.is(formatSeconds(75), "1m15s");
  assert.equal(parseArgs(["mlp", "--force", "--budget", "full"]), { ids: ["mlp"], force: true, budget: "full", cache: true });
  assert.is(parseArgs([]).ids.length, 12);
  assert.throws(() => parseArgs(["nope"]), /unknown model "nope"/);
  assert.throws(() => parseArgs(["--budget", "huge"]), /--budget: expected quick, parity or full/);
});

test.run();
