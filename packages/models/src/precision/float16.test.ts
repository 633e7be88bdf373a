import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { GraphBuilder } from '../graph/graph-builder.js';
import { serializeModel } from '../onnx/write-model.js';
import { bfloat16BitsToFloat32, float16BitsToFloat32, float32ToFloat16Bits } from './float16.js';

async function ortCast(
  input: ort.Tensor,
  from: 'float' | 'float16',
  to: 'float' | 'float16',
): Promise<ort.Tensor> {
  const b = new GraphBuilder();
  const x = b.input('x', from, ['n']);
  b.output(b.cast(x, to), 'y', to, ['n']);
  const session = await ort.InferenceSession.create(serializeModel(b.build({ graphName: 'cast' })));
  const out = (await session.run({ x: input })).y;
  if (!out) throw new Error('no output');
  return out;
}

describe('float16 conversion', () => {
  it('rounds float32 to half exactly like onnxruntime Cast (ties to even, subnormals, overflow)', async () => {
    const values = Float32Array.from([
      0,
      -0,
      1,
      -1,
      0.1,
      1 / 3,
      65504,
      65519.99,
      65520,
      1e6,
      -1e6,
      6.1e-5,
      5.96e-8,
      2.98e-8,
      2.99e-8,
      1e-10,
      1 + 2 ** -11,
      1 + 3 * 2 ** -11,
      2049,
      2051,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
      ...Array.from({ length: 2000 }, (_, i) => Math.sin(i * 12.9898) * 10 ** ((i % 14) - 8)),
    ]);
    const expected = await ortCast(new ort.Tensor('float32', values, [values.length]), 'float', 'float16');
    expect(Array.from(float32ToFloat16Bits(values))).toEqual(Array.from(expected.data as Uint16Array));
  });

  it('decodes every finite half bit pattern like onnxruntime Cast', async () => {
    const bits = Uint16Array.from({ length: 65536 }, (_, i) => i).filter((b) => (b & 0x7c00) !== 0x7c00);
    const expected = await ortCast(new ort.Tensor('float16', bits, [bits.length]), 'float16', 'float');
    const ours = Buffer.from(float16BitsToFloat32(bits).buffer);
    expect(Buffer.compare(ours, Buffer.from((expected.data as Float32Array).buffer))).toBe(0);
  });

  it('widens bfloat16 to the float with the same top 16 bits', () => {
    expect(Array.from(bfloat16BitsToFloat32(Uint16Array.from([0x3f80, 0xc000, 0x3e80])))).toEqual([
      1, -2, 0.25,
    ]);
  });
});
