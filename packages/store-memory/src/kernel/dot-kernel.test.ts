import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import createWabt from 'wabt';
import { DOT_KERNEL_WASM_BASE64 } from './dot-kernel-bytes.js';
import { WasmDotKernel } from './wasm-dot.js';

const here = dirname(fileURLToPath(import.meta.url));

describe('WebAssembly SIMD dot kernel', () => {
  it('embedded bytes are exactly the compilation of dot-kernel.wat', async () => {
    const wabt = await createWabt();
    const module = wabt.parseWat('dot-kernel.wat', readFileSync(join(here, 'dot-kernel.wat'), 'utf8'), {
      simd: true,
    });
    const { buffer } = module.toBinary({});
    module.destroy();
    expect(Buffer.from(buffer).toString('base64')).toBe(DOT_KERNEL_WASM_BASE64);
  });

  it('matches float64 dot products for awkward shapes (padding of queries, rows, dim)', () => {
    const kernel = new WasmDotKernel();
    for (const [queries, rows, dim] of [
      [1, 1, 1],
      [5, 7, 13],
      [4, 2, 4],
      [9, 63, 770],
    ] as const) {
      const q = Float32Array.from({ length: queries * dim }, (_, i) => Math.sin(i * 1.7));
      const x = Float32Array.from({ length: rows * dim }, (_, i) => Math.cos(i * 0.3));
      kernel.prepare(queries, dim, rows);
      const { stride } = kernel;
      const queryView = kernel.queryView();
      for (let i = 0; i < queries; i++) queryView.set(q.subarray(i * dim, (i + 1) * dim), i * stride);
      const block = kernel.blockView();
      for (let j = 0; j < rows; j++) block.set(x.subarray(j * dim, (j + 1) * dim), j * stride);
      const scores = kernel.run(rows);
      const width = rows + (rows & 1);
      for (let i = 0; i < queries; i++) {
        for (let j = 0; j < rows; j++) {
          let reference = 0;
          let magnitude = 0;
          for (let d = 0; d < dim; d++) {
            reference += (q[i * dim + d] as number) * (x[j * dim + d] as number);
            magnitude += Math.abs((q[i * dim + d] as number) * (x[j * dim + d] as number));
          }
          expect(Math.abs((scores[i * width + j] as number) - reference)).toBeLessThanOrEqual(
            1e-6 * magnitude + 1e-7,
          );
        }
      }
    }
  });
});
