// Jekyll reads `categories` and `tags` as a YAML list or as one string split on spaces; `category`
// and `tag` are the singular spellings.

export function toList(value: unknown): string[] {
  if (value === undefined || value === null || value === "") return [];
  const items: unknown[] = Array.isArray(value) ? value : typeof value === "string" ? value.split(/\s+/) : [value];
  const seen = new Set<string>();
  for (const item of items) {
    if (item === undefined || item === null || typeof item === "object") continue;
    const s = String(item).trim();
    if (s) seen.add(s);
  }
  return [...seen];
}

export function categoriesOf(data: Record<string, unknown>): string[] {
  return toList(data.categories ?? data.category);
}

export function tagsOf(data: Record<string, unknown>): string[] {
  return toList(data.tags ?? data.tag);
}
