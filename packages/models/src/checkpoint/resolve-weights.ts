import { RetrievekitError } from '@retrievekit/core';
import type { WeightMap } from '../graph/weights.js';
import {
  backboneTensors,
  canonicalName,
  classifierHeadTensors,
  type ExpectedTensor,
  MLM_MARKERS,
  mlmHeadTensors,
} from './hf-names.js';
import type { ModelConfig } from './model-config.js';

/** Which heads a checkpoint carries besides the encoder. */
export interface CheckpointHeads {
  /** Masked-language-model head (needed for SPLADE). */
  mlm: boolean;
  /** Sequence-classification head with this many outputs (cross-encoder), or undefined. */
  classifierLabels: number | undefined;
}

/** What {@link resolveWeights} returns. */
export interface ResolvedWeights {
  /** Tensors under canonical names, tied tensors filled in. */
  weights: WeightMap;
  /** Heads found. */
  heads: CheckpointHeads;
  /** Canonical names present in the checkpoint that no supported head uses (kept in `weights`). */
  unused: string[];
}

/**
 * Renames checkpoint tensors to canonical Hugging Face names (see {@link canonicalName}), fills tied
 * tensors (`vocab_projector.weight`, `cls.predictions.decoder.weight` from the word embeddings;
 * `cls.predictions.bias` and `cls.predictions.decoder.bias` from each other), detects heads, and checks every needed
 * tensor is present with the config's shape.
 *
 * A head is required when `config.architectures` names it (`...ForMaskedLM`, `...ForPreTraining`,
 * `...ForSequenceClassification`) and otherwise used when its tensors are present.
 *
 * @throws `CORRUPT_DATA` listing every missing tensor and every shape mismatch
 */
export function resolveWeights(raw: WeightMap, config: ModelConfig, file: string): ResolvedWeights {
  const weights: WeightMap = new Map();
  for (const [name, tensor] of raw) {
    const canonical = canonicalName(config.modelType, name);
    if (weights.has(canonical)) {
      throw new RetrievekitError('CORRUPT_DATA', `tensors "${name}" and another both map to "${canonical}"`, {
        where: { file, field: name },
      });
    }
    weights.set(canonical, tensor);
  }
  const word = weights.get(`${config.modelType}.embeddings.word_embeddings.weight`);
  const archs = config.architectures;
  const wantsMlm = archs.some((a) => a.endsWith('ForMaskedLM') || a.endsWith('ForPreTraining'));
  const mlm = wantsMlm || weights.has(MLM_MARKERS[config.modelType]);
  if (mlm && word !== undefined) {
    const tiedName =
      config.modelType === 'distilbert' ? 'vocab_projector.weight' : 'cls.predictions.decoder.weight';
    if (!weights.has(tiedName)) weights.set(tiedName, word);
    if (config.modelType === 'bert') {
      const bias = weights.get('cls.predictions.bias') ?? weights.get('cls.predictions.decoder.bias');
      if (bias !== undefined && !weights.has('cls.predictions.bias'))
        weights.set('cls.predictions.bias', bias);
      if (bias !== undefined && !weights.has('cls.predictions.decoder.bias'))
        weights.set('cls.predictions.decoder.bias', bias);
    }
  }
  const wantsClassifier = archs.some((a) => a.endsWith('ForSequenceClassification'));
  const classifierWeight = weights.get('classifier.weight');
  const classifierLabels =
    classifierWeight !== undefined && classifierWeight.shape.length === 2
      ? classifierWeight.shape[0]
      : wantsClassifier
        ? (config.numLabels ?? 2)
        : undefined;

  const expected: ExpectedTensor[] = backboneTensors(config);
  if (mlm) expected.push(...mlmHeadTensors(config));
  if (classifierLabels !== undefined) expected.push(...classifierHeadTensors(config, classifierLabels));
  const missing: string[] = [];
  const wrongShape: string[] = [];
  for (const { name, shape } of expected) {
    const tensor = weights.get(name);
    if (tensor === undefined) missing.push(name);
    else if (tensor.shape.length !== shape.length || tensor.shape.some((d, i) => d !== shape[i])) {
      wrongShape.push(`${name} is [${tensor.shape.join(', ')}], expected [${shape.join(', ')}]`);
    }
  }
  if (missing.length > 0 || wrongShape.length > 0) {
    const parts = [];
    if (missing.length > 0) parts.push(`${missing.length} missing tensor(s): ${missing.join(', ')}`);
    if (wrongShape.length > 0) parts.push(`${wrongShape.length} wrong shape(s): ${wrongShape.join('; ')}`);
    throw new RetrievekitError(
      'CORRUPT_DATA',
      `checkpoint does not match its ${config.modelType} config: ${parts.join('; ')}`,
      {
        where: { file },
        hint: 'check that config.json belongs to these weights (sizes, architectures)',
      },
    );
  }
  const used = new Set(expected.map((t) => t.name));
  used.add('cls.predictions.decoder.bias');
  const unused = [...weights.keys()].filter((name) => !used.has(name));
  return { weights, heads: { mlm, classifierLabels }, unused };
}
