/**
 * Training progress in the terminal. On a TTY: one line per model, rewritten in place (at most ~10
 * times a second) with model, step/total, loss, elapsed time and ETA. Otherwise (CI logs, pipes): a
 * plain line every `every` steps and at the last step, e.g.
 *
 *   mlp  step 80/400  loss 0.2981  6.1s  ETA 24s
 */
export interface ProgressStream {
  write(s: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface ProgressOptions {
  /** Where to write (default process.stdout). */
  stream?: ProgressStream;
  /** Override the stream's isTTY. */
  tty?: boolean;
  /** Non-TTY: a line every N steps (default: about 20 lines a model). */
  every?: number;
  /** Clock in ms (tests). */
  now?: () => number;
}

export function formatSeconds(s: number): string {
  if (!Number.isFinite(s)) return "?";
  if (s < 60) return `${s < 10 ? s.toFixed(1) : Math.round(s)}s`;
  const m = Math.floor(s / 60);
  const r = Math.round(s - 60 * m);
  return m < 60 ? `${m}m${String(r).padStart(2, "0")}s` : `${Math.floor(m / 60)}h${String(m % 60).padStart(2, "0")}m`;
}

export function formatLoss(loss: number): string {
  if (!Number.isFinite(loss)) return String(loss);
  const a = Math.abs(loss);
  return a !== 0 && (a < 1e-3 || a >= 1e5) ? loss.toExponential(3) : loss.toFixed(4);
}

export class Progress {
  private readonly stream: ProgressStream;
  private readonly tty: boolean;
  private readonly every: number;
  private readonly now: () => number;
  private readonly t0: number;
  private lastDraw = -Infinity;
  private drawn = false;

  constructor(
    readonly id: string,
    readonly total: number,
    opts: ProgressOptions = {},
  ) {
    this.stream = opts.stream ?? process.stdout;
    this.tty = opts.tty ?? this.stream.isTTY === true;
    this.every = Math.max(1, opts.every ?? Math.ceil(total / 20));
    this.now = opts.now ?? (() => performance.now());
    this.t0 = this.now();
  }

  /** The status line after `step` (1-based) steps. */
  line(step: number, loss: number, extra = ""): string {
    const elapsed = (this.now() - this.t0) / 1000;
    const eta = step > 0 ? (elapsed / step) * (this.total - step) : NaN;
    return `${this.id}  step ${step}/${this.total}  loss ${formatLoss(loss)}  ${formatSeconds(elapsed)}  ETA ${formatSeconds(eta)}${extra ? `  ${extra}` : ""}`;
  }

  /** Reports a finished step (1-based); `final` marks the run's last step (e.g. an early stop). */
  step(step: number, loss: number, extra = "", final = false): void {
    const last = final || step >= this.total;
    if (this.tty) {
      const t = this.now();
      if (!last && t - this.lastDraw < 100) return;
      this.lastDraw = t;
      let s = this.line(step, loss, extra);
      const cols = this.stream.columns;
      if (cols && s.length >= cols) s = s.slice(0, cols - 1);
      this.stream.write(`\r\x1b[2K${s}`);
      this.drawn = true;
    } else if (last || step % this.every === 0 || step === 1) {
      this.stream.write(`${this.line(step, loss, extra)}\n`);
    }
  }

  /** A message on its own line (evaluation, stop), not overwritten by the status line. */
  note(msg: string): void {
    if (this.tty && this.drawn) this.stream.write("\r\x1b[2K");
    this.stream.write(`${msg}\n`);
    this.drawn = false;
    this.lastDraw = -Infinity;
  }

  /** Ends the status line (TTY). */
  done(): void {
    if (this.tty && this.drawn) this.stream.write("\n");
    this.drawn = false;
  }
}
