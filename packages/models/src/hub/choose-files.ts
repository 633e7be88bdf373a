/** The weight file picked from a repository listing. */
export interface ChosenWeights {
  /** Path inside the repository. */
  path: string;
  /** `onnx` runs as is; `safetensors` and `pytorch` need conversion with the graph builders. */
  format: 'onnx' | 'safetensors' | 'pytorch';
  /** True when the weights must be converted to ONNX before use. */
  needsConversion: boolean;
  /** Further files the weights need (ONNX external data, safetensors / pytorch shards). */
  companions: string[];
}

/** Files worth fetching besides the weights when present. */
export const SUPPORT_FILES = [
  'config.json',
  'tokenizer.json',
  'tokenizer_config.json',
  'special_tokens_map.json',
  'vocab.txt',
  'modules.json',
  'sentence_bert_config.json',
  'config_sentence_transformers.json',
  '1_Pooling/config.json',
];

const PREFERENCE: Array<{ path: string; format: ChosenWeights['format'] }> = [
  { path: 'onnx/model.onnx', format: 'onnx' },
  { path: 'model.onnx', format: 'onnx' },
  { path: 'model.safetensors', format: 'safetensors' },
  { path: 'model.safetensors.index.json', format: 'safetensors' },
  { path: 'pytorch_model.bin', format: 'pytorch' },
  { path: 'pytorch_model.bin.index.json', format: 'pytorch' },
];

/**
 * Picks the weights to download from a repository's file list: an ONNX export (`onnx/model.onnx`, then
 * `model.onnx`), else `model.safetensors` (single or sharded), else `pytorch_model.bin` (both flagged as
 * needing conversion). Returns undefined when the repository has none of them.
 */
export function chooseWeights(files: readonly string[]): ChosenWeights | undefined {
  const present = new Set(files);
  const choice = PREFERENCE.find((candidate) => present.has(candidate.path));
  if (choice === undefined) return undefined;
  let companions: string[] = [];
  if (choice.format === 'onnx')
    companions = files.filter((f) => f.startsWith(`${choice.path}_data`) || f === `${choice.path}.data`);
  else if (choice.path.endsWith('.index.json')) {
    const stem =
      choice.format === 'safetensors' ? /^model-\d+-of-\d+\.safetensors$/ : /^pytorch_model-\d+-of-\d+\.bin$/;
    companions = files.filter((f) => stem.test(f));
  }
  return { path: choice.path, format: choice.format, needsConversion: choice.format !== 'onnx', companions };
}
