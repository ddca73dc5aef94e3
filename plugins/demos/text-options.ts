// Options of the text demos (kinds "text" and "ngram"), checked at build time: a bad value is a build
// error naming the option (index.ts adds the file and line). Values stay strings, normalised.

/** Longest prompt a post may give (the transformer reads 64 characters; the rest would be cut). */
export const MAX_PROMPT = 64;
export const MAX_LENGTH = 400;
export const MAX_TEMPERATURE = 2;

function integer(options: Record<string, string>, key: string, lo: number, hi: number): void {
  const v = options[key];
  if (v === undefined) return;
  if (!/^\s*\d+\s*$/.test(v) || Number(v) < lo || Number(v) > hi) throw new Error(`demo option ${key}="${v}": a whole number from ${lo} to ${hi}`);
  options[key] = String(Number(v));
}

function temperature(options: Record<string, string>): void {
  const v = options.temperature;
  if (v === undefined) return;
  const n = Number(v);
  if (v.trim() === "" || !Number.isFinite(n) || n < 0 || n > MAX_TEMPERATURE) throw new Error(`demo option temperature="${v}": a number from 0 to ${MAX_TEMPERATURE} (0: always the most probable)`);
  options.temperature = String(n);
}

function prompt(options: Record<string, string>): void {
  const v = options.prompt;
  if (v === undefined) return;
  const n = Array.from(v).length;
  if (n === 0 || v.trim() === "") throw new Error('demo option prompt="": give the text the model continues, or leave the option out');
  if (n > MAX_PROMPT) throw new Error(`demo option prompt: ${n} characters, at most ${MAX_PROMPT}`);
}

/** rnn, lstm, stacked, transformer: prompt, length (characters generated), temperature, topk. */
export function checkTextOptions(options: Record<string, string>): void {
  prompt(options);
  integer(options, "length", 1, MAX_LENGTH);
  temperature(options);
  integer(options, "topk", 0, 3001);
}

/** The n-gram: prompt (words), length (words generated), temperature. */
export function checkNgramOptions(options: Record<string, string>): void {
  prompt(options);
  integer(options, "length", 1, 100);
  temperature(options);
}
