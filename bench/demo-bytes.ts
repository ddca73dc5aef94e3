// Pure helpers of the demos benchmark: what kind of file a response is, byte totals by kind, who asked
// for it (the page, or the service worker's precache), and the median, summary and interquartile mean
// of repeated runs.
import { median } from "./machine.ts";

export const resourceTypes = ["html", "css", "js", "wasm", "fonts", "models", "other"] as const;
export type ResourceType = (typeof resourceTypes)[number];

/** The kind of a served file, from its URL path (anything under models/ is the models'), else its
 *  content type. */
export function resourceType(path: string, contentType = ""): ResourceType {
  const p = path.split(/[?#]/)[0].toLowerCase();
  const type = contentType.split(";")[0].trim().toLowerCase();
  if (/(^|\/)models\//.test(p)) return "models";
  const ext = /\.([a-z0-9]+)$/.exec(p)?.[1];
  if (ext === "html" || ext === "htm" || p.endsWith("/") || type === "text/html") return "html";
  if (ext === "css" || type === "text/css") return "css";
  if (ext === "js" || ext === "mjs" || type === "text/javascript" || type === "application/javascript") return "js";
  if (ext === "wasm" || type === "application/wasm") return "wasm";
  if (ext === "woff2" || ext === "woff" || ext === "ttf" || ext === "otf" || type.startsWith("font/")) return "fonts";
  if (ext === "onnx") return "models";
  return "other";
}

/** One response as the server sent it. */
export interface WireEntry {
  path: string;
  type: ResourceType;
  /** Bytes written to the socket for it: status line, headers and body. */
  bytes: number;
  /** Fetched by the service worker's precache (not by the page). */
  precache: boolean;
}

/** The precache adds every file with `cache: "reload"` (client/sw.ts), which Chromium sends as
 *  `Cache-Control: no-cache` on a script fetch (`Sec-Fetch-Dest: empty`); the page's own requests
 *  carry neither together. */
export function isPrecacheRequest(headers: Record<string, string | string[] | undefined>): boolean {
  return headers["cache-control"] === "no-cache" && headers["sec-fetch-dest"] === "empty";
}

export type Bytes = Record<ResourceType | "total", number>;

export function emptyBytes(): Bytes {
  return { html: 0, css: 0, js: 0, wasm: 0, fonts: 0, models: 0, other: 0, total: 0 };
}

export function sumBytes(entries: readonly WireEntry[]): Bytes {
  const sum = emptyBytes();
  for (const e of entries) {
    sum[e.type] += e.bytes;
    sum.total += e.bytes;
  }
  return sum;
}

/** Per key, the median over runs (a key missing from a run counts as 0 there). */
export function medianBytes(runs: readonly Bytes[]): Bytes {
  const out = emptyBytes();
  for (const key of Object.keys(out) as (keyof Bytes)[]) out[key] = median(runs.map((r) => r[key] ?? 0));
  return out;
}

/** Median and spread of repeated figures (empty list: undefined). */
export function summary(values: readonly number[]): { median: number; min: number; max: number; n: number } | undefined {
  if (values.length === 0) return undefined;
  return { median: median([...values]), min: Math.min(...values), max: Math.max(...values), n: values.length };
}

/** The mean of the middle half (sorted, quartile to quartile): robust to the slow runs a busy machine
 *  adds, and finer than a median when the clock is coarse (Chromium gives pages a 0.1 ms clock with
 *  jitter, so averages see below it). */
export function interquartileMean(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const middle = s.slice(Math.floor(s.length / 4), Math.max(Math.floor(s.length / 4) + 1, Math.ceil((3 * s.length) / 4)));
  return middle.reduce((a, b) => a + b, 0) / middle.length;
}

/** 1234567 → "1.18 MiB"; under 1 KiB: bytes. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${Math.round(n)} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(2)} MiB`;
}
