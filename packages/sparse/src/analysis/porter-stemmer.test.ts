import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { porterStem } from './porter-stemmer.js';

// Martin Porter's published vocabulary and its stemmed output (voc.txt / output.txt, 23,531 words),
// shipped as test data in the `porter-stemmer` npm package: an independent reference.
const require = createRequire(import.meta.url);
const packageDir = path.dirname(require.resolve('porter-stemmer/package.json'));
const lines = (name: string): string[] =>
  readFileSync(path.join(packageDir, 'test', name), 'utf8')
    .split('\n')
    .filter((line) => line.length > 0);

describe('porterStem', () => {
  it('reproduces the published Porter vocabulary output word for word', () => {
    const input = lines('input.txt');
    const output = lines('output.txt');
    expect(input.length).toBe(output.length);
    expect(input.length).toBeGreaterThan(23_000);
    const wrong = input.filter((word, i) => porterStem(word) !== output[i]);
    expect(wrong).toEqual([]);
  });

  it('follows the examples of the paper and leaves short words alone', () => {
    const cases: Record<string, string> = {
      caresses: 'caress',
      ponies: 'poni',
      ties: 'ti',
      cats: 'cat',
      agreed: 'agre',
      plastered: 'plaster',
      motoring: 'motor',
      hopping: 'hop',
      filing: 'file',
      happy: 'happi',
      relational: 'relat',
      generalization: 'gener',
      electrical: 'electr',
      adjustment: 'adjust',
      controlling: 'control',
      as: 'as',
      is: 'is',
    };
    for (const [word, stem] of Object.entries(cases)) expect(porterStem(word), word).toBe(stem);
  });
});
