// Jekyll's block tags that must be handled before Liquid and Markdown see the text:
// - `{% raw %}`: checked for pairing here (Liquid itself strips the markers, as Jekyll does);
// - `{% graphviz %}`: laid out to inline SVG here, because its DOT has blank lines that would end the
//   surrounding `<div>` HTML block in Markdown (POST-NOTES G5);
// - `{% highlight lang %}`: turned into a fenced block so the Markdown layer highlights it.
// Every replacement keeps the number of lines, so later stages can name the line of the source file.

export interface BlockProblem {
  /** 1-based line in the source file. */
  line: number;
  kind: string;
  message: string;
}

export interface BlockHooks {
  /** Lays out DOT; returns HTML with no blank line (an error box when the DOT is invalid). */
  renderGraph(source: string, line: number): string;
  /** The visible box for a problem found here; `inline` when the tag shares its line with text. */
  errorBox(problem: BlockProblem, inline: boolean): string;
}

const tagPattern = /\{%-?\s*(raw|endraw|graphviz|endgraphviz|highlight|endhighlight)\b([^%]*?)-?%\}/g;
const closer: Record<string, string> = { raw: "endraw", graphviz: "endgraphviz", highlight: "endhighlight" };

interface Tag {
  name: string;
  args: string;
  start: number;
  end: number;
}

/** Liquid would read `{{`/`{%` inside generated HTML; character references keep it inert. */
export function liquidInert(html: string): string {
  return html.replace(/\{/g, "&#123;").replace(/\}/g, "&#125;");
}

function countNewlines(s: string): number {
  let n = 0;
  for (let i = s.indexOf("\n"); i !== -1; i = s.indexOf("\n", i + 1)) n++;
  return n;
}

/** `html` on as many lines as the source span had, without blank lines (empty comments pad it). */
function sameHeight(html: string, newlines: number): string {
  const oneLine = html.replace(/\s*\n\s*/g, " ");
  return oneLine + "\n<!---->".repeat(newlines);
}

function fenceFor(code: string): string {
  const longest = Math.max(0, ...[...code.matchAll(/`+/g)].map((m) => m[0].length));
  return "`".repeat(Math.max(3, longest + 1));
}

/**
 * Rewrites the block tags of a post body. `firstLine` is the 1-based file line of the body's first line.
 */
export function preprocessBlocks(body: string, firstLine: number, hooks: BlockHooks): { body: string; problems: BlockProblem[] } {
  const tags: Tag[] = [...body.matchAll(tagPattern)].map((m) => ({
    name: m[1],
    args: m[2].trim(),
    start: m.index ?? 0,
    end: (m.index ?? 0) + m[0].length,
  }));
  const lineAt = (offset: number) => firstLine + countNewlines(body.slice(0, offset));
  const problems: BlockProblem[] = [];
  const out: string[] = [];
  let cursor = 0;
  let appendAtEnd = "";

  const problem = (at: number, kind: string, message: string): string => {
    const p = { line: lineAt(at), kind, message };
    problems.push(p);
    const lineStart = body.lastIndexOf("\n", at - 1) + 1;
    const lineEnd = body.indexOf("\n", at) === -1 ? body.length : body.indexOf("\n", at);
    const alone = body.slice(lineStart, at).trim() === "" && /^\{%[^%]*%\}\s*$/.test(body.slice(at, lineEnd));
    return liquidInert(hooks.errorBox(p, !alone));
  };

  for (let i = 0; i < tags.length; i++) {
    const open = tags[i];
    if (open.start < cursor) continue;
    if (!(open.name in closer)) {
      out.push(body.slice(cursor, open.start), problem(open.start, "liquid", `{% ${open.name} %} without an opening {% ${open.name.slice(3)} %}`));
      cursor = open.end;
      continue;
    }
    const j = tags.findIndex((t, k) => k > i && t.name === closer[open.name]);
    if (j === -1) {
      out.push(body.slice(cursor, open.start), problem(open.start, "liquid", `{% ${open.name} %} is never closed by {% ${closer[open.name]} %}`));
      if (open.name === "raw") {
        // Keep the author's text literal to the end, as the raw block evidently meant.
        out.push(body.slice(open.start, open.end));
        appendAtEnd = "{% endraw %}";
        cursor = body.length;
        out.push(body.slice(open.end));
        break;
      }
      cursor = open.end;
      continue;
    }
    const close = tags[j];
    out.push(body.slice(cursor, open.start));
    const inner = body.slice(open.end, close.start);
    if (open.name === "raw") {
      out.push(body.slice(open.start, close.end)); // Liquid strips the markers itself
    } else if (open.name === "graphviz") {
      const html = liquidInert(hooks.renderGraph(inner, lineAt(open.start)));
      out.push(sameHeight(html, countNewlines(body.slice(open.start, close.end))));
    } else {
      const lang = open.args.split(/\s+/)[0] ?? "";
      const fence = fenceFor(inner);
      const code = inner.startsWith("\n") ? inner : `\n${inner}`;
      out.push(`${fence}${lang}${code}${code.endsWith("\n") ? "" : "\n"}${fence}`);
    }
    cursor = close.end;
    i = j;
  }
  out.push(body.slice(cursor), appendAtEnd);
  return { body: out.join(""), problems };
}
