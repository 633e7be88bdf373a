import { checkNonNegative, checkPositive } from './validate.js';

/**
 * A quadratic warm-up of a regulariser weight: `lambda(t) = lambda * min(1, (t / T)^2)` for step t
 * (0-based, t >= 0) and warm-up length T steps (50 000 in the SPLADE reference).
 *
 * @example
 * ```ts
 * const lambdaQ = quadraticWarmup(0.0008, 50_000);
 * lambdaQ(25_000); // 0.0002
 * ```
 */
export function quadraticWarmup(lambda: number, warmupSteps: number): (step: number) => number {
  checkNonNegative(lambda, 'lambda');
  checkPositive(warmupSteps, 'warmupSteps');
  return (step: number): number => {
    checkNonNegative(step, 'step');
    const ratio = step / warmupSteps;
    return lambda * Math.min(1, ratio * ratio);
  };
}

/** Options of {@link spladeRegularizerWeights}. */
export interface SpladeRegularizerOptions {
  /** Final FLOPS weight of the queries, lambda_q. */
  readonly lambdaQuery: number;
  /** Final FLOPS weight of the documents. Default `0.8 * lambdaQuery` (the seed's table). */
  readonly lambdaDocument?: number;
  /** Warm-up length T in steps. Default 50 000. */
  readonly warmupSteps?: number;
}

/**
 * The two warmed-up FLOPS weights of SPLADE training, for
 * `L = L_rank + lambda_q(t) FLOPS(Q) + lambda_d(t) FLOPS(D)`.
 */
export function spladeRegularizerWeights(
  options: SpladeRegularizerOptions,
): (step: number) => { readonly query: number; readonly document: number } {
  const warmup = options.warmupSteps ?? 50_000;
  const query = quadraticWarmup(options.lambdaQuery, warmup);
  const document = quadraticWarmup(options.lambdaDocument ?? 0.8 * options.lambdaQuery, warmup);
  return (step) => ({ query: query(step), document: document(step) });
}
