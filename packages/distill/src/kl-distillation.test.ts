import { describe, expect, it } from 'vitest';
import { klDistillation, klDistillationDot } from './kl-distillation.js';
import { maxRelativeError, randomArray, seededRandom } from './test-support/finite-difference.js';

describe('klDistillation', () => {
  it('matches a hand-computed value for two candidates', () => {
    // teacher softmax([0, ln 3]) = [1/4, 3/4], student softmax([0, 0]) = [1/2, 1/2]
    const result = klDistillation({
      student: { data: [0, 0], rows: 1, cols: 2 },
      teacher: { data: [0, Math.log(3)], rows: 1, cols: 2 },
    });
    const expected = 0.25 * Math.log(0.5) + 0.75 * Math.log(1.5);
    expect(result.value).toBeCloseTo(expected, 14);
    expect(result.gradient[0]).toBeCloseTo(0.25, 14);
    expect(result.gradient[1]).toBeCloseTo(-0.25, 14);
  });

  it('scales with tau^2 and is zero when student and teacher agree', () => {
    const teacher = { data: [2, 4, 0, 1], rows: 2, cols: 2 };
    expect(klDistillation({ student: teacher, teacher, temperature: 3 }).value).toBeCloseTo(0, 14);
    // scores 2x the logits at tau = 2 give the same distributions as tau = 1: value x 4
    const s1 = { data: [1, 0, 0.5, 2], rows: 2, cols: 2 };
    const s2 = { data: [2, 0, 1, 4], rows: 2, cols: 2 };
    const t2 = { data: [4, 8, 0, 2], rows: 2, cols: 2 };
    const one = klDistillation({ student: s1, teacher }).value;
    expect(klDistillation({ student: s2, teacher: t2, temperature: 2 }).value).toBeCloseTo(4 * one, 12);
  });

  it('has score and vector gradients that agree with central finite differences', () => {
    const random = seededRandom(41);
    const student = { data: randomArray(random, 12, 3), rows: 3, cols: 4 };
    const teacher = { data: randomArray(random, 12, 3), rows: 3, cols: 4 };
    const result = klDistillation({ student, teacher, temperature: 2 });
    const loss = (): number => klDistillation({ student, teacher, temperature: 2 }).value;
    expect(maxRelativeError(loss, student.data, result.gradient)).toBeLessThan(1e-4);
    const queries = { data: randomArray(random, 3 * 5), rows: 3, dim: 5 };
    const passages = { data: randomArray(random, 12 * 5), rows: 12, dim: 5 };
    const dot = klDistillationDot({ queries, passages, teacher, temperature: 0.5 });
    const dotLoss = (): number => klDistillationDot({ queries, passages, teacher, temperature: 0.5 }).value;
    expect(maxRelativeError(dotLoss, queries.data, dot.gradQueries)).toBeLessThan(1e-4);
    expect(maxRelativeError(dotLoss, passages.data, dot.gradPassages)).toBeLessThan(1e-4);
  });

  it('stays finite with scores of 1e4', () => {
    const result = klDistillation({
      student: { data: [1e4, -1e4, 0], rows: 1, cols: 3 },
      teacher: { data: [-1e4, 1e4, 0], rows: 1, cols: 3 },
    });
    // teacher puts all mass on candidate 1, where the student's log-probability is -2e4
    expect(result.value).toBeCloseTo(2e4, 6);
    expect([...result.gradient].every(Number.isFinite)).toBe(true);
    expect(result.gradient[0]).toBeCloseTo(1, 12);
    expect(result.gradient[1]).toBeCloseTo(-1, 12);
  });

  it('rejects a bad temperature, mismatched shapes and Infinity', () => {
    const m = { data: [1, 2], rows: 1, cols: 2 };
    expect(() => klDistillation({ student: m, teacher: m, temperature: 0 })).toThrow(
      /temperature must be a positive number, got 0/,
    );
    expect(() => klDistillation({ student: m, teacher: { data: [1, 2, 3], rows: 1, cols: 3 } })).toThrow(
      /teacher is 1 x 3 but 1 x 2 is expected/,
    );
    expect(() =>
      klDistillation({ student: { data: [1, Number.POSITIVE_INFINITY], rows: 1, cols: 2 }, teacher: m }),
    ).toThrow(/student\[1\] is Infinity/);
    expect(() => klDistillation({ student: { data: [], rows: 0, cols: 2 }, teacher: m })).toThrow(
      /student is 0 x 2/,
    );
  });
});
