// English text → words as the Brown corpus writes them (what the bilstm tagger's vocabulary holds):
// punctuation is its own token, double quotes are `` and '', contractions and possessives stay whole
// (don't, man's, writers'), hyphenated words and decimals stay whole, and a trailing dot stays on an
// abbreviation (one the vocabulary knows with it, mr., or an initialism, u.s.). Lower-casing and the
// unknown-word id are the vocabulary's business (models/vocab-client.ts encodeWords).

/** `known(word)`: whether the vocabulary holds this (lower-cased) word, to keep abbreviations' dots. */
export function brownTokens(text: string, known: (word: string) => boolean = () => false): string[] {
  const normalised = text
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/\u201c/g, ' `` ')
    .replace(/\u201d/g, " '' ")
    .replace(/(^|[\s([{])"/g, "$1 `` ")
    .replace(/"/g, " '' ")
    .replace(/(\S)--(?=\S)/g, "$1 -- ")
    .replace(/\u2014/g, " -- ");
  const out: string[] = [];
  for (let chunk of normalised.split(/\s+/)) {
    const tail: string[] = [];
    while (chunk !== "") {
      const lead = /^(``|[([{`])/.exec(chunk);
      if (!lead) break;
      out.push(lead[1]);
      chunk = chunk.slice(lead[1].length);
    }
    while (chunk !== "") {
      const end = /(''|[,;:!?)\]}.'])$/.exec(chunk);
      if (!end) break;
      const head = chunk.slice(0, -end[1].length);
      // Keep the dot of an abbreviation: one the vocabulary knows (mr., inc.) or an initialism (u.s., w.m.);
      // and the apostrophe of a plural possessive (writers').
      if (end[1] === "." && head !== "" && !/[.!?]$/.test(head) && (known(chunk.toLowerCase()) || /^(?:\p{L}\.)+\p{L}$/u.test(head))) break;
      if (end[1] === "'" && /\p{L}s$/iu.test(head)) break;
      tail.unshift(end[1]);
      chunk = head;
    }
    if (chunk !== "") out.push(chunk);
    out.push(...tail);
  }
  return out;
}
