/**
 * A progress bar on a terminal's stderr, drawn in place on one line with `\r`: a fixed-width bar
 * needs no layout engine, and leaving ink and React out saves half a second of start-up.
 */
export interface Progress {
  update(done: number, total: number): void;
  /** Removes the bar, leaving the terminal as it was. */
  done(): void;
}

const WIDTH = 30;
const CLEAR_LINE = '\r\x1b[2K';
const HIDE_CURSOR = '\x1b[?25l';
const SHOW_CURSOR = '\x1b[?25h';

/** The bar's line for `done` of `total`: `████░░░  42%  252/600 specs`, green and dim when `color`. */
export function progressLine(label: string, done: number, total: number, color: boolean): string {
  const ratio = total === 0 ? 1 : Math.min(1, done / total);
  const filled = Math.round(ratio * WIDTH);
  const bar = '█'.repeat(filled);
  const rest = '░'.repeat(WIDTH - filled);
  const text = ` ${String(Math.floor(ratio * 100)).padStart(3)}%  ${done}/${total} ${label}`;
  return color ? `\x1b[32m${bar}\x1b[39m\x1b[2m${rest}\x1b[22m${text}` : `${bar}${rest}${text}`;
}

/**
 * Starts a bar on `stream`; draws nothing unless it is a terminal. It redraws only when the
 * percentage changes, and clears its line when done and when the process exits early (Ctrl-C:
 * the CLI's SIGINT handler exits, and the exit handler below still runs).
 */
export function startProgress(stream: NodeJS.WriteStream, label: string, color: boolean): Progress {
  if (!stream.isTTY) return { update() {}, done() {} };
  let last = -1;
  let drawn = false;
  const clear = () => {
    if (!drawn) return;
    drawn = false;
    stream.write(CLEAR_LINE + SHOW_CURSOR);
  };
  process.once('exit', clear);
  return {
    update(done, total) {
      const pct = total === 0 ? 100 : Math.floor((done / total) * 100);
      if (pct === last) return;
      last = pct;
      stream.write((drawn ? CLEAR_LINE : HIDE_CURSOR) + progressLine(label, done, total, color));
      drawn = true;
    },
    done() {
      clear();
      process.removeListener('exit', clear);
    },
  };
}
