import { describe, expect, it } from 'vitest';
import { createAdam } from './adam.js';

// Hand computation (lr 0.1, b1 0.9, b2 0.999, eps 1e-8), params [1, -2], gradients [0.5, -1] then [0.1, 2]:
// step 1: m = [0.05, -0.1], v = [0.00025, 0.001]; m/(1-0.9) = g, v/(1-0.999) = g^2, so each parameter
//   moves by lr * |g| / (|g| + eps) = 0.1 * (1 - 2e-8) resp. 0.1 * (1 - 1e-8) against the gradient sign.
// step 2: m = [0.055, 0.11], v = [0.00025975, 0.004999]; m_hat = m / 0.19, v_hat = v / 0.001999;
//   p1 = 0.900000002 - 0.1 * 0.2894736842 / (0.3604718 + 1e-8) = 0.8196959063846518
//   p2 = -1.900000001 - 0.1 * 0.5789473684 / (1.5813761 + 1e-8) = -1.9366103534720749
describe('createAdam', () => {
  it('matches a hand-computed two-step case', () => {
    const params = Float64Array.of(1, -2);
    const adam = createAdam(2, { learningRate: 0.1 });
    adam.update(params, Float64Array.of(0.5, -1));
    expect(params[0]).toBeCloseTo(0.900000002, 12);
    expect(params[1]).toBeCloseTo(-1.900000001, 12);
    adam.update(params, Float64Array.of(0.1, 2));
    expect(params[0]).toBeCloseTo(0.8196959063846518, 12);
    expect(params[1]).toBeCloseTo(-1.9366103534720749, 12);
    expect(adam.step).toBe(2);
  });

  it('applies decoupled weight decay toward the target, measured before the step', () => {
    // the same case with weightDecay 0.5 toward [1, -1]: extra -lr * 0.5 * (p - target) per step
    // step 1: p2 = -1.900000001 - 0.1 * 0.5 * (-2 + 1) = -1.850000001 (p1 sits on its target)
    const params = Float64Array.of(1, -2);
    const adam = createAdam(2, { learningRate: 0.1, weightDecay: 0.5, decayTarget: Float64Array.of(1, -1) });
    adam.update(params, Float64Array.of(0.5, -1));
    expect(params[0]).toBeCloseTo(0.900000002, 12);
    expect(params[1]).toBeCloseTo(-1.850000001, 12);
    adam.update(params, Float64Array.of(0.1, 2));
    expect(params[0]).toBeCloseTo(0.8246959062846517, 12);
    expect(params[1]).toBeCloseTo(-1.8441103534220749, 12);
  });

  it('rejects bad hyper-parameters and shapes with a message', () => {
    expect(() => createAdam(2, { beta1: 1 })).toThrow(/beta1 must be in \[0, 1\), got 1/);
    expect(() => createAdam(2, { learningRate: -1 })).toThrow(/learningRate must be a positive number/);
    expect(() => createAdam(2, { decayTarget: new Float64Array(3) })).toThrow(/decayTarget has 3 entries/);
    const adam = createAdam(2);
    expect(() => adam.update(new Float64Array(2), new Float64Array(1))).toThrow(/Adam holds 2 parameters/);
  });
});
