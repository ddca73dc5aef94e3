/**
 * Canonical JSON: object keys sorted by code unit order, no whitespace (or a fixed two-space indent
 * for files meant to be read), numbers in JavaScript's shortest round-trip form. Anything that has
 * no single JSON spelling (undefined, NaN, ±Infinity, functions, symbols, bigints, typed arrays,
 * class instances) is refused with the path to the offending value, so two specs that print the
 * same always hash the same and a spec that cannot be printed never silently hashes as something
 * else.
 */

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

function isPlainObject(v: object): boolean {
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

/** Checks that `value` is plain JSON data and returns it typed as such. */
export function asJson(value: unknown, path = "$"): JsonValue {
  if (value === null || typeof value === "boolean" || typeof value === "string") return value;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error(`${path}: ${value} has no JSON form`);
    return value;
  }
  if (Array.isArray(value)) {
    value.forEach((v, i) => asJson(v, `${path}[${i}]`));
    return value as JsonValue[];
  }
  if (typeof value === "object" && isPlainObject(value)) {
    for (const [k, v] of Object.entries(value)) asJson(v, `${path}.${k}`);
    return value as { [key: string]: JsonValue };
  }
  const what = typeof value === "object" ? (value.constructor?.name ?? "object") : typeof value;
  throw new Error(`${path}: a ${what} is not plain JSON data`);
}

function write(value: JsonValue, indent: string, depth: number): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  const nl = indent === "" ? "" : "\n" + indent.repeat(depth + 1);
  const end = indent === "" ? "" : "\n" + indent.repeat(depth);
  const colon = indent === "" ? ":" : ": ";
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    return "[" + value.map((v) => nl + write(v, indent, depth + 1)).join(",") + end + "]";
  }
  const keys = Object.keys(value).sort();
  if (keys.length === 0) return "{}";
  return "{" + keys.map((k) => nl + JSON.stringify(k) + colon + write(value[k], indent, depth + 1)).join(",") + end + "}";
}

/** The canonical, compact form (what keys are hashed from). Throws on non-JSON data. */
export function canonicalJson(value: unknown): string {
  return write(asJson(value), "", 0);
}

/** The canonical form with sorted keys and a two-space indent, ending with a newline. */
export function canonicalJsonPretty(value: unknown): string {
  return write(asJson(value), "  ", 0) + "\n";
}
