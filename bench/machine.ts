// The machine line every benchmark result carries.
import { cpus, totalmem } from "node:os";

export function machineLine(): string {
  const cpu = cpus()[0]?.model.trim() ?? "unknown cpu";
  return `${cpu}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}, ${process.platform}-${process.arch}`;
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
