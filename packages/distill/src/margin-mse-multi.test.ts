import { describe, expect, it } from 'vitest';
import { marginMse } from './margin-mse.js';
import { marginMseMulti, marginMseMultiDot } from './margin-mse-multi.js';
import { maxRelativeError, randomArray, seededRandom } from './test-support/finite-difference.js';

describe('marginMseMulti', () => {
  it('matches a hand-computed value over the B x n margin matrix', () => {
    // row 0: s margins 4-1=3, 4-3=1; t margins 2, 2 -> residuals 1, -1
    // row 1: s margins 0-0=0, 0-1=-1; t margins 1, 1 -> residuals -1, -2 ; mean of 1,1,1,4 = 1.75
    const result = marginMseMulti({
      student: { data: [4, 1, 3, 0, 0, 1], rows: 2, cols: 3 },
      teacher: { margins: { data: [2, 2, 1, 1], rows: 2, cols: 2 } },
    });
    expect(result.value).toBe(1.75);
    expect([...result.gradient]).toEqual([0, -0.5, 0.5, -1.5, 0.5, 1]);
  });

  it('gives the same result from teacher scores as from teacher margins, and n = 1 is marginMse', () => {
    const random = seededRandom(21);
    const student = { data: randomArray(random, 12, 5), rows: 4, cols: 3 };
    const scores = randomArray(random, 12, 5);
    const margins = new Float64Array(8);
    for (let i = 0; i < 4; i++) {
      for (let k = 0; k < 2; k++)
        margins[i * 2 + k] = (scores[i * 3] as number) - (scores[i * 3 + 1 + k] as number);
    }
    const fromScores = marginMseMulti({ student, teacher: { scores: { data: scores, rows: 4, cols: 3 } } });
    const fromMargins = marginMseMulti({
      student,
      teacher: { margins: { data: margins, rows: 4, cols: 2 } },
    });
    expect(fromScores.value).toBeCloseTo(fromMargins.value, 12);
    const single = marginMseMulti({
      student: { data: [3, 1, 0, 2], rows: 2, cols: 2 },
      teacher: { scores: { data: [10, 9, 5, 4], rows: 2, cols: 2 } },
    });
    const pairwise = marginMse({
      studentPositive: [3, 0],
      studentNegative: [1, 2],
      teacherPositive: [10, 5],
      teacherNegative: [9, 4],
    });
    expect(single.value).toBe(pairwise.value);
  });

  it('has score and vector gradients that agree with central finite differences', () => {
    const random = seededRandom(22);
    const student = { data: randomArray(random, 15, 5), rows: 3, cols: 5 };
    const teacher = { scores: { data: randomArray(random, 15, 5), rows: 3, cols: 5 } };
    const result = marginMseMulti({ student, teacher });
    expect(
      maxRelativeError(() => marginMseMulti({ student, teacher }).value, student.data, result.gradient),
    ).toBeLessThan(1e-4);
    const queries = { data: randomArray(random, 3 * 4), rows: 3, dim: 4 };
    const passages = { data: randomArray(random, 15 * 4), rows: 15, dim: 4 };
    const dot = marginMseMultiDot({ queries, passages, teacher });
    const loss = (): number => marginMseMultiDot({ queries, passages, teacher }).value;
    expect(maxRelativeError(loss, queries.data, dot.gradQueries)).toBeLessThan(1e-4);
    expect(maxRelativeError(loss, passages.data, dot.gradPassages)).toBeLessThan(1e-4);
  });

  it('rejects a student without negatives and a teacher of the wrong shape', () => {
    expect(() =>
      marginMseMulti({
        student: { data: [1, 2], rows: 2, cols: 1 },
        teacher: { margins: { data: [], rows: 2, cols: 0 } },
      }),
    ).toThrow(/student has 1 column\(s\)/);
    expect(() =>
      marginMseMulti({
        student: { data: [1, 2, 3, 4], rows: 2, cols: 2 },
        teacher: { scores: { data: [1, 2, 3], rows: 1, cols: 3 } },
      }),
    ).toThrow(/teacher.scores is 1 x 3 but 2 x 2 is expected/);
    expect(() =>
      marginMseMultiDot({
        queries: { data: new Float64Array(4), rows: 2, dim: 2 },
        passages: { data: new Float64Array(6), rows: 3, dim: 2 },
        teacher: { margins: { data: [0], rows: 1, cols: 1 } },
      }),
    ).toThrow(/3 passages do not split into groups for 2 queries/);
  });
});
