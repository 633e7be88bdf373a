import type { Query } from '@retrievekit/core';
import { isBlank } from '../io/json-line.js';
import { readLineBatches } from '../io/read-lines.js';
import type { Located, ReadOptions, TextSource } from '../io/text-source.js';
import type { TopicField } from './sgml-topics.js';
import { SgmlTopicParser } from './sgml-topics.js';
import { TsvTopicParser } from './tsv-topics.js';

/** Options of {@link readTopics}. */
export interface ReadTopicsOptions extends ReadOptions {
  /** SGML topics only: the field that becomes the query text. Default `'title'`. */
  field?: TopicField;
}

/**
 * Streams TREC topics, plain or gzip, in either format, chosen from the first non-blank line:
 * `qid<TAB>text` lines (Anserini's `topics.*.txt` / `.tsv.gz`, MS MARCO `queries.*.tsv`) or classic SGML
 * (`<top> <num> <title> ... </top>`). Each query carries its file:line.
 *
 * @example
 * ```ts
 * for await (const q of readTopics('topics.dl19-passage.txt')) console.log(q.id, q.text);
 * ```
 */
export async function* readTopics(
  source: TextSource,
  options: ReadTopicsOptions = {},
): AsyncGenerator<Located<Query>> {
  let sgml: SgmlTopicParser | undefined;
  let tsv: TsvTopicParser | undefined;
  for await (const batch of readLineBatches(source, options)) {
    for (const line of batch) {
      if (sgml === undefined && tsv === undefined) {
        if (isBlank(line.text)) continue;
        if (line.text.trimStart().startsWith('<')) sgml = new SgmlTopicParser(options.field);
        else tsv = new TsvTopicParser();
      }
      if (tsv !== undefined) {
        const query = tsv.push(line);
        if (query !== undefined) yield query;
      } else if (sgml !== undefined) {
        yield* sgml.push(line);
      }
    }
  }
  sgml?.end();
}
