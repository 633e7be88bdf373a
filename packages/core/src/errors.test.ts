import { describe, expect, it } from 'vitest';
import { formatLocation, RetrievekitError, throwIfAborted } from './errors.js';

describe('RetrievekitError', () => {
  it('puts the location first and the hint last', () => {
    const error = new RetrievekitError('PARSE_ERROR', 'score is not a number: "x"', {
      where: { file: 'run.txt', line: 12, field: 'score' },
      hint: 'use a decimal number',
    });
    expect(error.message).toBe(
      'run.txt:12, field "score": score is not a number: "x" (use a decimal number)',
    );
    expect(error.code).toBe('PARSE_ERROR');
    expect(error.where.line).toBe(12);
  });

  it('is recognised across package copies by its brand, not its prototype', () => {
    const foreign = Object.assign(new Error('x'), {
      [Symbol.for('retrievekit.error')]: true,
      code: 'NOT_FOUND',
    });
    expect(RetrievekitError.isInstance(foreign)).toBe(true);
    expect(RetrievekitError.isInstance(new Error('x'))).toBe(false);
    expect(RetrievekitError.hasCode(new RetrievekitError('NOT_FOUND', 'x'), 'NOT_FOUND')).toBe(true);
    expect(RetrievekitError.hasCode(new RetrievekitError('NOT_FOUND', 'x'), 'PARSE_ERROR')).toBe(false);
  });

  it('formats partial locations', () => {
    expect(formatLocation({ line: 3 })).toBe('line 3');
    expect(formatLocation({ index: 4, field: 'dim' })).toBe('field "dim", index 4');
    expect(formatLocation({})).toBe('');
  });

  it('turns an aborted signal into ABORTED', () => {
    const controller = new AbortController();
    expect(() => throwIfAborted(controller.signal)).not.toThrow();
    controller.abort();
    expect(() => throwIfAborted(controller.signal, 'indexing')).toThrow(/indexing was cancelled/);
  });
});
