import { describe, expect, it } from 'vitest';
import { createProgressBar, describeProgress, formatAmount, formatDuration } from './progress-bar.js';

function fakeClock() {
  let t = 1_000_000;
  return {
    now: () => t,
    advance: (ms: number) => {
      t += ms;
    },
  };
}

describe('progress bar', () => {
  it('describes amount, percentage, rate and ETA', () => {
    expect(describeProgress({ done: 2_000_000, total: 8_000_000, unit: 'bytes' }, 2)).toBe(
      '2.0 MB of 8.0 MB, 25%, 1.0 MB/s, ETA 6s',
    );
    expect(describeProgress({ done: 1500, unit: 'lines' }, 0)).toBe('1,500 lines');
    expect(formatAmount(999, 'bytes')).toBe('999 B');
    expect(formatDuration(185)).toBe('3m05s');
    expect(formatDuration(7260)).toBe('2h01m');
  });
  it('on a terminal redraws one line in place, throttled, and erases it at the end', () => {
    const clock = fakeClock();
    let out = '';
    const bar = createProgressBar({ write: (t) => (out += t), tty: true, label: 'get', now: clock.now });
    clock.advance(1000);
    bar.update({ done: 5, total: 10, unit: 'batches' });
    bar.update({ done: 6, total: 10, unit: 'batches' }); // within 100 ms: skipped
    expect(out).toBe(
      '\r\u001b[2Kget [##########..........] 5 batches of 10 batches, 50%, 5 batches/s, ETA 1s',
    );
    bar.finish();
    expect(out.endsWith('\r\u001b[2K')).toBe(true);
  });
  it('colours the bar only when asked (never with NO_COLOR, which the caller maps to color: false)', () => {
    let plain = '';
    let coloured = '';
    createProgressBar({ write: (t) => (plain += t), tty: true, label: 'x' }).update({
      done: 1,
      total: 2,
      unit: 'b',
    });
    createProgressBar({ write: (t) => (coloured += t), tty: true, label: 'x', color: true }).update({
      done: 1,
      total: 2,
      unit: 'b',
    });
    expect(plain.includes('\u001b[32m')).toBe(false);
    expect(coloured.includes('[\u001b[32m##########\u001b[0m..........]')).toBe(true);
  });
  it('off a terminal prints a plain line every 30 s and nothing for short work', () => {
    const clock = fakeClock();
    let out = '';
    const bar = createProgressBar({ write: (t) => (out += t), tty: false, label: 'sample', now: clock.now });
    clock.advance(5000);
    bar.update({ done: 1, total: 100, unit: 'batches' });
    expect(out).toBe('');
    clock.advance(25_000);
    bar.update({ done: 30, total: 100, unit: 'batches' });
    bar.finish();
    expect(out).toBe('sample: 30 batches of 100 batches, 30%, 1 batches/s, ETA 1m10s\n');
  });
});
