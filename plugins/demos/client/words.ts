// English text ↔ the word tokens of the brown n-gram (lower-cased words, contractions kept whole,
// punctuation its own token, double quotes as `` and ''), and back to readable text.

const token = /[a-z0-9]+(?:'[a-z0-9]+)*'?|--|"|[^\s\w]/g;

/** The tokens of `text`, and the unfinished last word (`partial`) when the text does not end in a space or punctuation. */
export function tokenizeWords(text: string): { tokens: string[]; partial: string } {
  const lower = text.toLowerCase().replace(/[‘’]/g, "'").replace(/[“”]/g, '"');
  let open = true;
  const tokens = (lower.match(token) ?? []).map((t) => {
    if (t !== '"') return t;
    open = !open;
    return open ? "''" : "``";
  });
  const last = tokens[tokens.length - 1];
  const partial = last !== undefined && /[a-z0-9']$/.test(lower) && /^[a-z0-9]/.test(last) ? last : "";
  return { tokens: partial === "" ? tokens : tokens.slice(0, -1), partial };
}

const noSpaceBefore = new Set([",", ".", ";", ":", "?", "!", ")", "''", "'"]);
const noSpaceAfter = new Set(["(", "``"]);

/** Tokens as text: no space before closing punctuation, quotes as “ ”. */
export function joinWords(tokens: readonly string[]): string {
  let out = "";
  tokens.forEach((t, i) => {
    const shown = t === "``" ? "“" : t === "''" ? "”" : t;
    const space = i > 0 && !noSpaceBefore.has(t) && !noSpaceAfter.has(tokens[i - 1]);
    out += (space ? " " : "") + shown;
  });
  return out;
}
