// The machine line every benchmark result carries.
import { readFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";

/** "family 26 model 2" from /proc/cpuinfo: virtual machines often name only the vendor line ("AMD EPYC"), and two generations of it measure very differently. */
function cpuFamily(): string {
  try {
    const info = readFileSync("/proc/cpuinfo", "utf8");
    const family = /^cpu family\s*:\s*(\d+)/m.exec(info)?.[1], model = /^model\s*:\s*(\d+)/m.exec(info)?.[1];
    return family !== undefined && model !== undefined ? ` (family ${family} model ${model})` : "";
  } catch {
    return "";
  }
}

export function machineLine(): string {
  const cpu = (cpus()[0]?.model.trim() ?? "unknown cpu") + cpuFamily();
  return `${cpu}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}, ${process.platform}-${process.arch}`;
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
