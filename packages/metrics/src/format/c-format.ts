/**
 * `printf("%.Nf")` for a double, exactly as glibc prints it: the exact binary value is rounded to N decimals
 * with ties to even (JavaScript's `toFixed` rounds exact ties up, e.g. 0.03125 -> "0.0313" where C prints
 * "0.0312"), and negative zero keeps its sign.
 */
export function formatFixed(value: number, decimals: number): string {
  if (!Number.isFinite(value)) {
    if (Number.isNaN(value)) return value < 0 ? '-nan' : '-nan';
    return value > 0 ? 'inf' : '-inf';
  }
  const negative = value < 0 || Object.is(value, -0);
  const abs = Math.abs(value);
  let text = abs.toFixed(decimals);
  if (abs < 1e21) {
    const exact = abs.toFixed(Math.min(100, decimals + 30));
    const dot = exact.indexOf('.');
    const tail = exact.slice(dot + 1 + decimals);
    if (tail[0] === '5' && /^50*$/.test(tail)) {
      // Exact tie: round half to even.
      const truncated = exact.slice(0, dot + 1 + decimals).replace(/\.$/, '');
      const lastDigit = truncated.charCodeAt(truncated.length - 1) - 48;
      text = lastDigit % 2 === 0 ? truncated : abs.toFixed(decimals);
    }
  }
  return negative ? `-${text}` : text;
}

/** `printf("%6.4f")`: four decimals, right-aligned in at least six characters. */
export function formatValue(value: number): string {
  return formatFixed(value, 4).padStart(6, ' ');
}

/** `printf("%ld", (long) value)`: the value truncated towards zero. */
export function formatLong(value: number): string {
  const t = Math.trunc(value);
  return (Object.is(t, -0) ? 0 : t).toString();
}
