import type { Query } from '@retrievekit/core';
import { DuplicateIdGuard } from '../io/duplicate-ids.js';
import { isBlank } from '../io/json-line.js';
import { parseError } from '../io/parse-error.js';
import type { SourceLine } from '../io/read-lines.js';
import type { Located } from '../io/text-source.js';

/** Which field of an SGML topic becomes the query text. */
export type TopicField = 'title' | 'desc' | 'narr';

const SGML_HINT = 'a TREC topic is <top> <num> Number: 301 <title> text <desc> Description: ... </top>';
const TAG = /<(\/?)([A-Za-z]+)>/g;
const LABEL = /^(Number|Topic|Description|Narrative|Title)\s*:\s*/i;

interface OpenTopic {
  start: SourceLine;
  fields: Map<string, string>;
  current: string | undefined;
}

/**
 * Parses classic TREC SGML topics (`<top> <num> <title> <desc> <narr> </top>`, closing field tags
 * optional, fields may span lines, tags may share a line) one line at a time. Labels such as `Number:` and
 * `Description:` are removed and whitespace collapsed; the chosen field becomes the text, the others go
 * into `metadata` by tag name.
 */
export class SgmlTopicParser {
  private readonly guard = new DuplicateIdGuard('topic number');
  private topic: OpenTopic | undefined;
  private lastLine = 0;

  constructor(private readonly field: TopicField = 'title') {}

  /** Consumes one line; returns the topics it closed (usually none or one). */
  push(line: SourceLine): Located<Query>[] {
    this.lastLine = line.line;
    const done: Located<Query>[] = [];
    let cursor = 0;
    for (const match of line.text.matchAll(TAG)) {
      this.append(line, line.text.slice(cursor, match.index));
      cursor = match.index + match[0].length;
      const closing = match[1] === '/';
      const name = (match[2] ?? '').toLowerCase();
      const topic = this.topic;
      if (name === 'top' && !closing) {
        if (topic !== undefined) throw parseError(line, '<top> inside an unclosed <top>', SGML_HINT);
        this.topic = { start: line, fields: new Map(), current: undefined };
      } else if (name === 'top') {
        if (topic === undefined) throw parseError(line, '</top> without <top>', SGML_HINT);
        done.push(this.finish(topic));
        this.topic = undefined;
      } else if (topic === undefined) {
        throw parseError(line, `<${match[1]}${name}> outside <top>...</top>`, SGML_HINT);
      } else if (closing) {
        topic.current = undefined;
      } else {
        topic.current = name;
        topic.fields.set(name, topic.fields.get(name) ?? '');
      }
    }
    this.append(line, line.text.slice(cursor));
    return done;
  }

  /** Call at the end of input: throws when a `<top>` was never closed. */
  end(): void {
    if (this.topic !== undefined) {
      throw parseError(
        this.topic.start,
        `<top> is never closed (file ends at line ${this.lastLine})`,
        SGML_HINT,
      );
    }
  }

  private append(line: SourceLine, text: string): void {
    const topic = this.topic;
    if (topic?.current !== undefined) {
      topic.fields.set(topic.current, `${topic.fields.get(topic.current) ?? ''} ${text}`);
    } else if (!isBlank(text)) {
      const where = topic === undefined ? 'outside <top>...</top>' : 'before the first field tag';
      throw parseError(line, `unexpected text ${where}: "${text.trim().slice(0, 40)}"`, SGML_HINT);
    }
  }

  private finish(topic: OpenTopic): Located<Query> {
    const clean = (name: string): string | undefined => {
      const raw = topic.fields.get(name);
      return raw === undefined ? undefined : raw.replace(/\s+/g, ' ').trim().replace(LABEL, '');
    };
    const id = clean('num');
    if (id === undefined || id.length === 0)
      throw parseError(topic.start, 'topic has no <num>', SGML_HINT, 'num');
    this.guard.check(id, topic.start, 'num');
    const text = clean(this.field);
    if (text === undefined) {
      throw parseError(topic.start, `topic ${id} has no <${this.field}>`, SGML_HINT, this.field);
    }
    const metadata: Record<string, unknown> = {};
    for (const name of topic.fields.keys()) {
      if (name !== 'num' && name !== this.field) metadata[name] = clean(name);
    }
    const query: Located<Query> = { id, text, source: { file: topic.start.file, line: topic.start.line } };
    if (Object.keys(metadata).length > 0) query.metadata = metadata;
    return query;
  }
}
