// The text a text-input demo starts from: its `text=` option, else the model's demo data (numerals,
// tagger).
import type { TextDemoData } from "../../../models/publish.ts";
import type { FallbackInput } from "./types.ts";

export function demoText(input: Pick<FallbackInput, "options" | "data">): string {
  return input.options.text ?? (input.data as TextDemoData | undefined)?.text ?? "";
}
