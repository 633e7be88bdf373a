import { DocTable } from './doc-table.js';

function grownInt(a: Int32Array): Int32Array<ArrayBuffer> {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

/**
 * One query's preference judgments (trec_eval `-R prefs` / `-R qrels_prefs`): one entry per input line,
 * `(judgment group, judgment sub-group, document, rel_level)`. Documents are interned in {@link docs};
 * group names are interned per query.
 */
export class CompactPrefsQuery {
  /** Distinct judged documents of the query. */
  readonly docs = new DocTable(16);
  /** Number of entries (input lines). */
  size = 0;
  /** Entry -> index in {@link docs}. */
  doc: Int32Array<ArrayBuffer> = new Int32Array(16);
  /** Entry -> rel_level (C `atof` of the last column). */
  rel = new Float64Array(16);
  /** Entry -> index in {@link groupNames} (judgment group, JG). */
  group: Int32Array<ArrayBuffer> = new Int32Array(16);
  /** Entry -> index in {@link subgroupNames} (judgment sub-group, JSG). */
  subgroup: Int32Array<ArrayBuffer> = new Int32Array(16);
  /** Entry -> 1-based line of the input it came from (for error messages). */
  line: Int32Array<ArrayBuffer> = new Int32Array(16);
  /** Judgment group names. */
  readonly groupNames: string[] = [];
  /** Judgment sub-group names. */
  readonly subgroupNames: string[] = [];
  private readonly groupIds = new Map<string, number>();
  private readonly subgroupIds = new Map<string, number>();
  private readonly seen = new Map<string, number>();

  private static intern(name: string, ids: Map<string, number>, names: string[]): number {
    let id = ids.get(name);
    if (id === undefined) {
      id = names.length;
      names.push(name);
      ids.set(name, id);
    }
    return id;
  }

  /**
   * Adds the entry of one input line. Returns 0, or the line of an earlier entry for the same document in
   * the same judgment group and sub-group (the entry is then not added).
   */
  add(
    bytes: Uint8Array,
    start: number,
    end: number,
    group: string,
    subgroup: string,
    rel: number,
    line: number,
  ): number {
    const added = this.docs.add(bytes, start, end);
    const doc = added >= 0 ? added : -added - 1;
    const g = CompactPrefsQuery.intern(group, this.groupIds, this.groupNames);
    const s = CompactPrefsQuery.intern(subgroup, this.subgroupIds, this.subgroupNames);
    const key = `${g} ${s} ${doc}`;
    const earlier = this.seen.get(key);
    if (earlier !== undefined) return earlier;
    this.seen.set(key, line);
    const i = this.size;
    if (i >= this.doc.length) {
      this.doc = grownInt(this.doc);
      this.group = grownInt(this.group);
      this.subgroup = grownInt(this.subgroup);
      this.line = grownInt(this.line);
      const rels = new Float64Array(this.rel.length * 2);
      rels.set(this.rel);
      this.rel = rels;
    }
    this.doc[i] = doc;
    this.rel[i] = rel;
    this.group[i] = g;
    this.subgroup[i] = s;
    this.line[i] = line;
    this.size = i + 1;
    return 0;
  }
}

/** Preference judgments of every query, read by `readPrefsCompact`. */
export class CompactPrefs {
  /** Marks preference judgments apart from plain and judgment-group qrels. */
  readonly kind = 'compact-prefs';
  /** Query id -> judgments. */
  readonly queries = new Map<string, CompactPrefsQuery>();
  /** Name of the source, for error messages that point at its lines. */
  readonly file: string;

  constructor(file = '<prefs>') {
    this.file = file;
  }
}

/** True when `value` is a {@link CompactPrefs}. */
export function isCompactPrefs(value: unknown): value is CompactPrefs {
  return (
    typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'compact-prefs'
  );
}
