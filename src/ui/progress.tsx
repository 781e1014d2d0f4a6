import { Box, Text, render, type Instance } from 'ink';

/** A progress bar drawn with ink on a terminal (stderr). Loaded only by commands that draw one. */
function Bar({ label, done, total, color }: { label: string; done: number; total: number; color: boolean }) {
  const width = 30;
  const ratio = total === 0 ? 1 : Math.min(1, done / total);
  const filled = Math.round(ratio * width);
  return (
    <Box>
      <Text color={color ? 'green' : undefined}>{'█'.repeat(filled)}</Text>
      <Text dimColor={color}>{'░'.repeat(width - filled)}</Text>
      <Text> {String(Math.floor(ratio * 100)).padStart(3)}%  {done}/{total} {label}</Text>
    </Box>
  );
}

export interface Progress {
  update(done: number, total: number): void;
  /** Removes the bar, leaving the terminal as it was. */
  done(): void;
}

// @sdd architecture/ARCH-007
/** Starts a bar on `stream` (a TTY), coloured when `color`; ink redraws at most a few dozen times a second. */
export function startProgress(stream: NodeJS.WriteStream, label: string, color: boolean): Progress {
  let instance: Instance | null = null;
  let last = -1;
  return {
    update(done, total) {
      const pct = total === 0 ? 100 : Math.floor((done / total) * 100);
      if (pct === last) return;
      last = pct;
      const bar = <Bar label={label} done={done} total={total} color={color} />;
      if (instance) instance.rerender(bar);
      else instance = render(bar, { stdout: stream, patchConsole: false, exitOnCtrlC: false });
    },
    done() {
      if (!instance) return;
      instance.clear();
      instance.unmount();
      instance = null;
    },
  };
}
