import type { DenseBatch } from '@retrievekit/core';
import type { SeededRandom } from './random.js';

/** k distinct rows of `vectors`, chosen uniformly (partial Fisher-Yates), copied as the first centroids. */
export function randomInit(vectors: DenseBatch, k: number, random: SeededRandom): Float32Array {
  const order = new Int32Array(vectors.rows);
  for (let i = 0; i < order.length; i++) order[i] = i;
  const centroids = new Float32Array(k * vectors.dim);
  for (let c = 0; c < k; c++) {
    const j = c + random.int(vectors.rows - c);
    const picked = order[j] as number;
    order[j] = order[c] as number;
    order[c] = picked;
    centroids.set(vectors.data.subarray(picked * vectors.dim, (picked + 1) * vectors.dim), c * vectors.dim);
  }
  return centroids;
}

function squaredDistance(a: Float32Array, ao: number, b: Float32Array, bo: number, dim: number): number {
  let sum = 0;
  for (let d = 0; d < dim; d++) {
    const diff = (a[ao + d] as number) - (b[bo + d] as number);
    sum += diff * diff;
  }
  return sum;
}

/**
 * k-means++ seeding (Arthur and Vassilvitskii 2007): each next centroid is a row drawn with probability
 * proportional to its squared distance to the nearest centroid so far. O(rows x k x dim) in JavaScript:
 * meant for moderate sizes; use `randomInit` at MS MARCO scale.
 */
export function kMeansPlusPlusInit(vectors: DenseBatch, k: number, random: SeededRandom): Float32Array {
  const { rows, dim, data } = vectors;
  const centroids = new Float32Array(k * dim);
  const nearest = new Float64Array(rows).fill(Number.POSITIVE_INFINITY);
  const chosen = new Uint8Array(rows);
  let pick = random.int(rows);
  for (let c = 0; c < k; c++) {
    chosen[pick] = 1;
    centroids.set(data.subarray(pick * dim, (pick + 1) * dim), c * dim);
    if (c === k - 1) break;
    let total = 0;
    for (let i = 0; i < rows; i++) {
      const d = squaredDistance(data, i * dim, centroids, c * dim, dim);
      if (d < (nearest[i] as number)) nearest[i] = d;
      if (chosen[i] === 0) total += nearest[i] as number;
    }
    pick = -1;
    if (total > 0) {
      let target = random.float() * total;
      for (let i = 0; i < rows && pick < 0; i++) {
        if (chosen[i] === 1) continue;
        target -= nearest[i] as number;
        if (target < 0) pick = i;
      }
    }
    if (pick < 0) {
      // every remaining row coincides with a centroid (or rounding ran out): take an unchosen row uniformly
      let skip = random.int(rows - c - 1);
      for (let i = 0; i < rows && pick < 0; i++) {
        if (chosen[i] === 0 && skip-- === 0) pick = i;
      }
    }
  }
  return centroids;
}
