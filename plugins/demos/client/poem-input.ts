// A poem as the classify model read it in training (models/data/tang.ts, models/onnx/README.md): the
// lines joined with nothing between them, then `\n`, cut to the first `maxLength` characters. So what a
// reader pastes (line breaks, spaces, full-width spaces) is normalised the same way before encoding.
export function poemInput(text: string, maxLength: number): string {
  const joined = text.replace(/\s+/gu, "");
  if (joined === "") return "";
  return Array.from(`${joined}\n`).slice(0, maxLength).join("");
}
