import { RetrievekitError } from '@retrievekit/core';
import { checkNonNegative, checkPositive } from '../validate.js';

/** Options of {@link createAdam}. */
export interface AdamOptions {
  /** Step size. Default 1e-3. */
  readonly learningRate?: number;
  /** Decay of the first-moment average. Default 0.9. */
  readonly beta1?: number;
  /** Decay of the second-moment average. Default 0.999. */
  readonly beta2?: number;
  /** Added to the root of the second moment. Default 1e-8. */
  readonly epsilon?: number;
  /**
   * Decoupled weight decay (AdamW): each step also subtracts `learningRate * weightDecay * (p - target)`,
   * evaluated at the parameters before the step. Default 0 (plain Adam).
   */
  readonly weightDecay?: number;
  /** The point weight decay pulls toward (same length as the parameters). Default: zeros. */
  readonly decayTarget?: Float64Array;
}

/** An Adam optimiser over one Float64Array of parameters (updated in place). */
export interface AdamOptimizer {
  /** Steps taken so far. */
  readonly step: number;
  /** Applies one Adam step with gradient `gradient` to `params` in place. */
  update(params: Float64Array, gradient: Float64Array): void;
}

function checkBeta(value: number, field: string): void {
  if (!Number.isFinite(value) || value < 0 || value >= 1) {
    throw new RetrievekitError('INVALID_ARGUMENT', `${field} must be in [0, 1), got ${value}`, {
      where: { field },
    });
  }
}

/**
 * Adam (Kingma & Ba 2015) with bias correction, optionally with decoupled weight decay toward a target
 * (Loshchilov & Hutter's AdamW; the query adapter decays toward the identity):
 * `m = b1 m + (1-b1) g`, `v = b2 v + (1-b2) g^2`,
 * `p -= lr * (m/(1-b1^t) / (sqrt(v/(1-b2^t)) + eps) + wd (p - target))`. Moments are float64.
 *
 * @example
 * ```ts
 * const adam = createAdam(params.length, { learningRate: 1e-2 });
 * adam.update(params, gradient);
 * ```
 */
export function createAdam(size: number, options: AdamOptions = {}): AdamOptimizer {
  const learningRate = options.learningRate ?? 1e-3;
  const beta1 = options.beta1 ?? 0.9;
  const beta2 = options.beta2 ?? 0.999;
  const epsilon = options.epsilon ?? 1e-8;
  const weightDecay = options.weightDecay ?? 0;
  checkPositive(learningRate, 'learningRate');
  checkBeta(beta1, 'beta1');
  checkBeta(beta2, 'beta2');
  checkPositive(epsilon, 'epsilon');
  checkNonNegative(weightDecay, 'weightDecay');
  const target = options.decayTarget ?? new Float64Array(size);
  if (target.length !== size) {
    throw new RetrievekitError(
      'DIMENSION_MISMATCH',
      `decayTarget has ${target.length} entries, parameters ${size}`,
      {
        where: { field: 'decayTarget' },
      },
    );
  }
  const first = new Float64Array(size);
  const second = new Float64Array(size);
  let step = 0;
  return {
    get step() {
      return step;
    },
    update(params, gradient) {
      if (params.length !== size || gradient.length !== size) {
        throw new RetrievekitError(
          'DIMENSION_MISMATCH',
          `Adam holds ${size} parameters, got ${params.length} parameters and ${gradient.length} gradients`,
          { where: { field: 'gradient' } },
        );
      }
      step++;
      const correction1 = 1 - beta1 ** step;
      const correction2 = 1 - beta2 ** step;
      for (let k = 0; k < size; k++) {
        const g = gradient[k] as number;
        const m = beta1 * (first[k] as number) + (1 - beta1) * g;
        const v = beta2 * (second[k] as number) + (1 - beta2) * g * g;
        first[k] = m;
        second[k] = v;
        const p = params[k] as number;
        const decay = weightDecay * (p - (target[k] as number));
        params[k] = p - learningRate * (m / correction1 / (Math.sqrt(v / correction2) + epsilon) + decay);
      }
    },
  };
}
