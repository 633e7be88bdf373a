/** Test-only: the real TAS-B tokenizer and a fake session that records what it was fed. */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadTokenizer } from '@retrievekit/tokenizer';
import type { FloatOutput, Int64Input, ModelSession } from './session.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** The TAS-B tokenizer from the shared folder. */
export const tasbTokenizer = () =>
  loadTokenizer(join(resolve(repoRoot, '../shared'), 'models/tas-b-tokenizer-config'));

/**
 * A fake session whose `last_hidden_state` holds, for every token, `[id, position, row seqLength, 1]`
 * (dim 4), so pooling and order can be checked by hand. Records the shape of every call.
 */
export function fakeSession(
  inputNames = ['input_ids', 'attention_mask'],
  outputNames = ['last_hidden_state'],
) {
  const calls: { rows: number; seqLength: number; feeds: string[] }[] = [];
  const session: ModelSession = {
    inputNames,
    outputNames,
    async run(feeds: Record<string, Int64Input>, outputs: readonly string[]) {
      const ids = feeds.input_ids as Int64Input;
      const [rows = 0, seqLength = 0] = ids.dims;
      calls.push({ rows, seqLength, feeds: Object.keys(feeds).sort() });
      const data = new Float32Array(rows * seqLength * 4);
      for (let i = 0; i < rows * seqLength; i++)
        data.set([Number(ids.data[i]), i % seqLength, seqLength, 1], i * 4);
      const out: Record<string, FloatOutput> = {};
      for (const name of outputs) out[name] = { data, dims: [rows, seqLength, 4] };
      return out;
    },
    release: async () => {},
  };
  return { session, calls };
}
