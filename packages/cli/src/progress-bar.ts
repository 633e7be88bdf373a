import type { Progress } from '@retrievekit/core';

/** Options of {@link createProgressBar}. */
export interface ProgressBarOptions {
  /** Where the bar goes (stderr). */
  write: (text: string) => void;
  /** Redraw one line in place (a terminal); otherwise print a plain line every `plainIntervalMs`. */
  tty: boolean;
  /** Shown before the bar, e.g. `download scifact`. */
  label: string;
  /** Colour the bar (only when colours are allowed: a TTY and no NO_COLOR). Default false. */
  color?: boolean;
  /** Terminal width. Default 80. */
  columns?: number;
  /** Clock in milliseconds. Default `Date.now`. */
  now?: () => number;
  /** Least time between two redraws on a terminal. Default 100 ms. */
  redrawIntervalMs?: number;
  /** Time between plain lines when not on a terminal. Default 30 s (nothing is printed for shorter work). */
  plainIntervalMs?: number;
}

/** A progress display fed with {@link Progress} reports; `finish()` clears the bar line. */
export interface ProgressBar {
  /** Takes a report (throttled: cheap to call for every chunk). */
  update(progress: Progress): void;
  /** Ends the display: erases the bar on a terminal; prints nothing otherwise. */
  finish(): void;
}

const BYTE_UNITS = ['B', 'kB', 'MB', 'GB', 'TB'];

/** `1234567` bytes as `1.2 MB`; other units as `1,234,567 lines`. */
export function formatAmount(value: number, unit: string): string {
  if (unit !== 'bytes') return `${Math.round(value).toLocaleString('en-US')} ${unit}`;
  let scaled = value;
  let index = 0;
  while (scaled >= 1000 && index < BYTE_UNITS.length - 1) {
    scaled /= 1000;
    index++;
  }
  return `${index === 0 ? scaled.toFixed(0) : scaled.toFixed(1)} ${BYTE_UNITS[index]}`;
}

/** Seconds as `42s`, `3m05s` or `1h02m`. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

/** The text of one report: amount done (of total), percentage, rate per second and ETA when known. */
export function describeProgress(progress: Progress, elapsedSeconds: number): string {
  const { done, total, unit } = progress;
  const amount =
    total === undefined
      ? formatAmount(done, unit)
      : `${formatAmount(done, unit)} of ${formatAmount(total, unit)}`;
  const parts = [amount];
  if (total !== undefined && total > 0) parts.push(`${Math.floor((100 * done) / total)}%`);
  if (elapsedSeconds > 0 && done > 0) {
    const rate = done / elapsedSeconds;
    parts.push(`${formatAmount(rate, unit)}/s`);
    if (total !== undefined && total >= done) parts.push(`ETA ${formatDuration((total - done) / rate)}`);
  }
  return parts.join(', ');
}

/**
 * A progress display on stderr for any long command. On a terminal it redraws one line in place
 * (`label [#####.....] 1.2 MB of 4.0 MB, 30%, 2.1 MB/s, ETA 1s`), at most every 100 ms, and erases it
 * at the end. Off a terminal (a pipe, a CI log) it prints a plain line every 30 s, so short work prints
 * nothing and long work leaves a readable log without control characters.
 *
 * @example
 * ```ts
 * const bar = createProgressBar({ write: (t) => process.stderr.write(t), tty: process.stderr.isTTY === true, label: 'index' });
 * await work({ onProgress: (p) => bar.update(p) });
 * bar.finish();
 * ```
 */
export function createProgressBar(options: ProgressBarOptions): ProgressBar {
  const now = options.now ?? Date.now;
  const start = now();
  const interval = options.tty ? (options.redrawIntervalMs ?? 100) : (options.plainIntervalMs ?? 30_000);
  let last = options.tty ? Number.NEGATIVE_INFINITY : start;
  let drawn = false;
  const columns = options.columns ?? 80;
  return {
    update(progress) {
      const time = now();
      if (time - last < interval) return;
      last = time;
      const text = describeProgress(progress, (time - start) / 1000);
      if (!options.tty) {
        options.write(`${options.label}: ${text}\n`);
        return;
      }
      let plainBar = '';
      let bar = '';
      const { done, total } = progress;
      if (total !== undefined && total > 0) {
        const width = 20;
        const full = Math.min(width, Math.floor((width * done) / total));
        const filled = '#'.repeat(full);
        const rest = '.'.repeat(width - full);
        plainBar = ` [${filled}${rest}]`;
        bar = options.color ? ` [\u001b[32m${filled}\u001b[0m${rest}]` : plainBar;
      }
      const plain = `${options.label}${plainBar} ${text}`;
      const fitted =
        plain.length > columns - 1 ? plain.slice(0, columns - 1) : `${options.label}${bar} ${text}`;
      options.write(`\r\u001b[2K${fitted}`);
      drawn = true;
    },
    finish() {
      if (drawn) options.write('\r\u001b[2K');
      drawn = false;
    },
  };
}
