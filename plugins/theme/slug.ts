// Tag slugs for `/tags/<slug>/`. The rule is Jekyll's own `slugify` default mode, so links from an old
// Jekyll site keep working: every run of characters that is not a letter, a combining mark or a decimal
// digit becomes one `-`, the ends are trimmed and the result is lower-cased. Unicode letters stay as
// they are, so Chinese, Japanese, Greek… tags get readable URLs (`语言模型`, `δ-平滑`, `deep-learning`).

const separators = /[^\p{L}\p{M}\p{Nd}]+/gu;

/** The URL segment for a tag, e.g. `Deep Learning` → `deep-learning`, `语言模型` → `语言模型`. */
export function tagSlug(tag: unknown): string {
  const text = String(tag ?? "").normalize("NFC");
  const slug = text.replace(separators, "-").replace(/^-+|-+$/g, "").toLowerCase();
  if (slug !== "") return slug;
  // A tag made only of punctuation or symbols (`+`, `∑`) still needs a distinct, stable segment.
  const codes = [...text.trim()].map((c) => c.codePointAt(0)?.toString(16) ?? "").join("-");
  return codes === "" ? "tag" : `tag-${codes}`;
}
