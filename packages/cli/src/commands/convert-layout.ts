import type { PoolingMode } from '@retrievekit/models';

/** The head put on the converted encoder. */
export type ConvertHead = 'dense' | 'splade' | 'cross';

/** What `retrievekit convert` builds, as recorded in `retrievekit.json` beside the model. */
export interface ConvertSettings {
  head: ConvertHead;
  pooling: PoolingMode;
  normalize: boolean;
  dtype: 'fp32' | 'fp16' | 'int8';
  fused: boolean;
}

/** The ONNX output a head produces. */
export const HEAD_OUTPUT: Record<ConvertHead, string> = {
  dense: 'sentence_embedding',
  splade: 'sparse_embedding',
  cross: 'logits',
};

/**
 * The sentence-transformers side files of a dense model (`modules.json`, `1_Pooling/config.json`, and
 * `2_Normalize` when normalising), keyed by path; nothing for SPLADE and cross-encoder heads.
 */
export function sentenceTransformersFiles(
  settings: ConvertSettings,
  hiddenSize: number,
): Record<string, string> {
  if (settings.head !== 'dense') return {};
  const modules = [
    { idx: 0, name: '0', path: '', type: 'sentence_transformers.models.Transformer' },
    { idx: 1, name: '1', path: '1_Pooling', type: 'sentence_transformers.models.Pooling' },
  ];
  if (settings.normalize)
    modules.push({ idx: 2, name: '2', path: '2_Normalize', type: 'sentence_transformers.models.Normalize' });
  const pooling = {
    word_embedding_dimension: hiddenSize,
    pooling_mode_cls_token: settings.pooling === 'cls',
    pooling_mode_mean_tokens: settings.pooling === 'mean',
    pooling_mode_max_tokens: settings.pooling === 'max',
    pooling_mode_mean_sqrt_len_tokens: false,
  };
  const files: Record<string, string> = {
    'modules.json': `${JSON.stringify(modules, null, 2)}\n`,
    '1_Pooling/config.json': `${JSON.stringify(pooling, null, 2)}\n`,
  };
  if (settings.normalize) files['2_Normalize/.keep'] = '';
  return files;
}

/** `retrievekit.json`: the head, pooling and output name, for encoders that load the folder. */
export function retrievekitManifest(settings: ConvertSettings, source: string): string {
  return `${JSON.stringify({ ...settings, output: HEAD_OUTPUT[settings.head], source }, null, 2)}\n`;
}
