// The 1-based line of a figure shortcode in its source file (Eleventy does not tell shortcodes their line):
// the first `{% name "a", "b"` whose leading string arguments are the given ones (no arguments: the first
// `{% name %}`), else the first `{% name`.
import { readFileSync } from "node:fs";

const literal = (s: string): string => s.replace(/[\\^$.*+?()[\]{}|/-]/g, "\\$&");

export function shortcodeLine(file: string, name: string, args: readonly unknown[]): number | undefined {
  let lines: string[];
  try {
    lines = readFileSync(file, "utf8").split("\n");
  } catch {
    return undefined;
  }
  const strings = args.filter((a): a is string => typeof a === "string");
  const withArgs = new RegExp(`\\{%-?\\s*${literal(name)}\\s+${strings.map((a) => `["']${literal(a)}["']`).join("\\s*,\\s*")}`);
  const empty = new RegExp(`\\{%-?\\s*${literal(name)}\\s*-?%\\}`);
  const any = new RegExp(`\\{%-?\\s*${literal(name)}(?![\\w-])`);
  const at = lines.findIndex((l) => (strings.length ? withArgs : empty).test(l));
  const found = at >= 0 ? at : lines.findIndex((l) => any.test(l));
  return found < 0 ? undefined : found + 1;
}
