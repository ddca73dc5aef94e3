// Eleventy's config object is untyped; this names only what tensorpost calls on it.
export interface EleventyConfig {
  addPlugin(plugin: unknown, options?: unknown): void;
  on(event: string, callback: (...args: never[]) => unknown): void;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Eleventy's own API is untyped
  [key: string]: any;
}
