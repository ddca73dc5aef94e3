// The browser side of the widget registry: widget kind (`data-kind`, chosen at build time by
// ../../registry.ts) → its mount function. One file per kind; add a kind here and in registry.ts.
import type { DemoContext } from "../context.ts";
import { mount as classifier } from "./classifier.ts";
import { mount as digits } from "./digits.ts";
import { mount as iris } from "./iris.ts";
import { mount as ngram } from "./ngram.ts";
import { mount as numerals } from "./numerals.ts";
import { mount as regression } from "./regression.ts";
import { mount as spell } from "./spell.ts";
import { mount as tagger } from "./tagger.ts";
import { mount as text } from "./text.ts";

export type Mount = (root: HTMLElement, ctx: DemoContext) => void | Promise<void>;

export const widgets: Record<string, Mount> = {
  digits,
  iris,
  regression,
  spell,
  classifier,
  tagger,
  numerals,
  text,
  ngram,
};
