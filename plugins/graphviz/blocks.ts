// Finds `{% graphviz %}…{% endgraphviz %}` blocks in a Jekyll post (used by the tests and the bench to
// take the reference post's graphs; the site itself expands the tag in the Liquid pre-pass).

export interface GraphvizBlock {
  /** The text between the tags, exactly (it starts on the tag's line). */
  source: string;
  /** 1-based line of the `{% graphviz %}` tag, i.e. of the first line of `source`. */
  line: number;
}

export function findGraphvizBlocks(text: string): GraphvizBlock[] {
  const blocks: GraphvizBlock[] = [];
  const re = /\{%-?\s*graphviz\s*-?%\}([\s\S]*?)\{%-?\s*endgraphviz\s*-?%\}/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const line = text.slice(0, m.index).split("\n").length;
    blocks.push({ source: m[1], line });
  }
  return blocks;
}
