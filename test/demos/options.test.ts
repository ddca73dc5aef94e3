// How posts spell a demo: fence info words and body lines, shortcode arguments; bad spellings are errors.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { DemoOptionError, parseFence, parseInfoWords, parseShortcodeArgs } from "../../plugins/demos/options.ts";

test("fence: id, key=value words (quoted or not) and key: value body lines", () => {
  assert.equal(parseFence('demo softmax x="petal length" y=3', "caption: Iris, 4 features\n\n# a comment\nprompt: 床前明月光\n"), {
    id: "softmax",
    options: { x: "petal length", y: "3", caption: "Iris, 4 features", prompt: "床前明月光" },
  });
  assert.equal(parseFence("demo mlp", ""), { id: "mlp", options: {} });
  assert.equal(parseInfoWords("a='one two' b="), { a: "one two", b: "" });
});

test("fence: a missing id, a bare word, a bad body line or a repeated key is an error", () => {
  assert.throws(() => parseFence("demo", ""), (e: unknown) => e instanceof DemoOptionError);
  assert.throws(() => parseFence("demo mlp fast", ""), /expected key=value/);
  assert.throws(() => parseFence("demo mlp", "just text"), /key: value/);
  assert.throws(() => parseFence("demo mlp caption=a", "caption: b"), /given twice/);
});

test("shortcode: id, then key=value strings or an object of options", () => {
  assert.equal(parseShortcodeArgs(["softmax", "x=sepal length", "y=2"]), { id: "softmax", options: { x: "sepal length", y: "2" } });
  assert.equal(parseShortcodeArgs(["mlp", { variant: "int8", __keywords: true }]), { id: "mlp", options: { variant: "int8" } });
  assert.equal(parseShortcodeArgs(["lstm", "prompt=a=b"]), { id: "lstm", options: { prompt: "a=b" } });
  assert.throws(() => parseShortcodeArgs([]), /names its model/);
  assert.throws(() => parseShortcodeArgs(["mlp", "fast"]), /key=value/);
  assert.throws(() => parseShortcodeArgs(["mlp", 3]), /key=value/);
});

test.run();
