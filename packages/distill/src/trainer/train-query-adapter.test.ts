import { describe, expect, it } from 'vitest';
import { randomArray, seededRandom } from '../test-support/finite-difference.js';
import { adaptQueries } from './linear-adapter.js';
import type { AdapterTrainingBatch } from './train-query-adapter.js';
import { trainQueryAdapter } from './train-query-adapter.js';
import { createVectorTable } from './vector-table.js';

const DIM = 4;
const QUERIES = 40;
const PASSAGES = 60;

/** A synthetic problem whose teacher is a known linear map M: t(q, p) = (M q) . p. */
function linearTeacherProblem() {
  const random = seededRandom(2024);
  const queryData = randomArray(random, QUERIES * DIM);
  const passageData = randomArray(random, PASSAGES * DIM);
  const teacherMap = randomArray(random, DIM * DIM, 0.5);
  for (let i = 0; i < DIM; i++) teacherMap[i * DIM + i] = (teacherMap[i * DIM + i] as number) + 1.5;
  const queryIds = Array.from({ length: QUERIES }, (_, i) => `q${i}`);
  const passageIds = Array.from({ length: PASSAGES }, (_, i) => `p${i}`);
  const mapped = adaptQueries(
    { dim: DIM, weights: teacherMap },
    { data: queryData, rows: QUERIES, dim: DIM },
  );
  const teacher = (q: number, p: number): number => {
    let sum = 0;
    for (let k = 0; k < DIM; k++)
      sum += (mapped.data[q * DIM + k] as number) * (passageData[p * DIM + k] as number);
    return sum;
  };
  const source = (seed: number, batchSize = 16) => {
    const draw = seededRandom(seed);
    const pick = (n: number) => Math.floor(draw() * n);
    return {
      next(): AdapterTrainingBatch {
        const rows = Array.from({ length: batchSize }, () => [pick(QUERIES), pick(PASSAGES), pick(PASSAGES)]);
        return {
          queryIds: rows.map(([q]) => `q${q}`),
          positiveIds: rows.map(([, p]) => `p${p}`),
          negativeIds: rows.map(([, , n]) => `p${n}`),
          teacherPositive: rows.map(([q, p]) => teacher(q ?? 0, p ?? 0)),
          teacherNegative: rows.map(([q, , n]) => teacher(q ?? 0, n ?? 0)),
        };
      },
    };
  };
  return {
    teacherMap,
    source,
    queries: createVectorTable(queryIds, { data: queryData, rows: QUERIES, dim: DIM }),
    passages: createVectorTable(passageIds, { data: passageData, rows: PASSAGES, dim: DIM }),
  };
}

const mean = (values: Float64Array) => values.reduce((a, b) => a + b, 0) / values.length;

describe('trainQueryAdapter', () => {
  it('reduces the loss and recovers a linear teacher map', async () => {
    const problem = linearTeacherProblem();
    const progress: number[] = [];
    const { adapter, losses } = await trainQueryAdapter({
      batches: problem.source(1),
      queries: problem.queries,
      passages: problem.passages,
      steps: 1500,
      learningRate: 0.01,
      onProgress: (p) => progress.push(p.done),
    });
    expect(losses).toHaveLength(1500);
    expect(mean(losses.subarray(1400))).toBeLessThan(1e-3 * mean(losses.subarray(0, 100)));
    let error = 0;
    let norm = 0;
    for (let k = 0; k < DIM * DIM; k++) {
      error += ((adapter.weights[k] as number) - (problem.teacherMap[k] as number)) ** 2;
      norm += (problem.teacherMap[k] as number) ** 2;
    }
    expect(Math.sqrt(error / norm)).toBeLessThan(0.02);
    expect(progress.at(-1)).toBe(1500);
  });

  it('is reproducible by the batch seed and changes with it', async () => {
    const problem = linearTeacherProblem();
    const run = (seed: number) =>
      trainQueryAdapter({
        batches: problem.source(seed),
        queries: problem.queries,
        passages: problem.passages,
        steps: 30,
      });
    const [a, b, c] = await Promise.all([run(5), run(5), run(6)]);
    expect([...(a?.adapter.weights ?? [])]).toEqual([...(b?.adapter.weights ?? [])]);
    expect([...(a?.losses ?? [])]).toEqual([...(b?.losses ?? [])]);
    expect([...(a?.adapter.weights ?? [])]).not.toEqual([...(c?.adapter.weights ?? [])]);
  });

  it('stops with ABORTED when the signal fires', async () => {
    const problem = linearTeacherProblem();
    const controller = new AbortController();
    const training = trainQueryAdapter({
      batches: problem.source(1),
      queries: problem.queries,
      passages: problem.passages,
      steps: 100_000,
      onProgress: (p) => {
        if (p.done >= 2_000) controller.abort();
      },
      signal: controller.signal,
    });
    await expect(training).rejects.toMatchObject({ code: 'ABORTED' });
  });

  it('rejects bad steps and mismatched dimensions', async () => {
    const problem = linearTeacherProblem();
    const base = { batches: problem.source(1), queries: problem.queries, passages: problem.passages };
    await expect(trainQueryAdapter({ ...base, steps: 1.5 })).rejects.toThrow(
      /steps must be a non-negative integer/,
    );
    const other = createVectorTable(['x'], { data: new Float64Array(3), rows: 1, dim: 3 });
    await expect(trainQueryAdapter({ ...base, passages: other, steps: 1 })).rejects.toThrow(
      /query vectors have 4 dims, passages 3/,
    );
  });
});
