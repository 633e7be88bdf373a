import type { VectorBatch } from './types.js';
import { checkVectors } from './validate.js';

/** A regulariser value with its gradient with respect to the weights (row-major like the input). */
export interface RegularizerResult {
  readonly value: number;
  readonly gradient: Float64Array;
}

/**
 * The FLOPS regulariser of SPLADE over a batch of N sparse representations (N x V, dense layout):
 * `sum_j ((1/N) sum_i |w_ij|)^2`. Gradient `2 a_j sign(w_ij) / N` with `a_j = (1/N) sum_i |w_ij|`
 * (subgradient 0 at w = 0).
 */
export function flopsRegularizer(weights: VectorBatch): RegularizerResult {
  checkVectors(weights, 'weights');
  const { rows, dim, data } = weights;
  const columnMeans = new Float64Array(dim);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < dim; j++)
      columnMeans[j] = (columnMeans[j] as number) + Math.abs(data[i * dim + j] as number);
  }
  let value = 0;
  for (let j = 0; j < dim; j++) {
    const mean = (columnMeans[j] as number) / rows;
    columnMeans[j] = mean;
    value += mean * mean;
  }
  const gradient = new Float64Array(rows * dim);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < dim; j++) {
      gradient[i * dim + j] =
        ((2 * (columnMeans[j] as number)) / rows) * Math.sign(data[i * dim + j] as number);
    }
  }
  return { value, gradient };
}

/** The L1 regulariser `mean_i sum_j |w_ij|`, gradient `sign(w_ij) / N` (0 at w = 0). */
export function l1Regularizer(weights: VectorBatch): RegularizerResult {
  checkVectors(weights, 'weights');
  const { rows, data } = weights;
  const gradient = new Float64Array(data.length);
  let sum = 0;
  for (let k = 0; k < data.length; k++) {
    const w = data[k] as number;
    sum += Math.abs(w);
    gradient[k] = Math.sign(w) / rows;
  }
  return { value: sum / rows, gradient };
}
