// What a static fallback renderer gets: the demo's request, its build-time data and the model's entry in
// the manifest (for the measured metric), and the page's language.
export interface ManifestModelInfo {
  id: string;
  metric: { name: string; value: number };
  /** The budget actually trained (quick and full figures are labelled as such). */
  budget?: string;
}

export interface FallbackInput {
  id: string;
  options: Record<string, string>;
  /** models/demo-data.ts's data for this model, or undefined. */
  data: unknown;
  model?: ManifestModelInfo;
  lang: string;
}

/** The static parts of an island: what stands where the widget will be, and the sample result. */
export interface Fallback {
  stage: string;
  output: string;
}
