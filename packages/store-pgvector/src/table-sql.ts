import { createHash } from 'node:crypto';
import type { VectorMetric } from '@retrievekit/core';
import { type MetricSql, metricSql, type PgVectorType } from './metric-sql.js';
import type { HnswIndexOptions, IvfflatIndexOptions } from './pgvector-store-options.js';
import { quoteIdent } from './quote-ident.js';

/** The SQL of one store table: every identifier quoted once here, every value a `$n` parameter. */
export interface TableSql {
  /** `"schema"."table"` or `"table"`. */
  readonly qualified: string;
  readonly column: string;
  readonly metric: MetricSql;
  readonly create: string;
  readonly createIndex: string | undefined;
  /** `$1` = the qualified name (as text): the embedding column's declared type. */
  readonly columnType: string;
  readonly count: string;
  /** The OID of pgvector's `vector` type (for binary parameters). */
  readonly vectorOid: string;
  /** `$1` = ids (text[]). */
  readonly existing: string;
  /** `$1` ids, `$2` vectors (binary `vector[]`), `$3` metadata (array literals). */
  readonly insert: string;
  readonly upsert: string;
  /** `$1` = ids (text[]): deleted ids come back. */
  readonly remove: string;
  /** `$1` queries (binary `vector[]`), `$2` k, and `$3` the jsonb filter when `filtered`. */
  search(filtered: boolean): string;
}

/** Builds the statements of table `table` (in `schema`, when given) for `dim`-dimensional vectors. */
export function tableSql(options: {
  table: string;
  schema: string | undefined;
  dim: number;
  metric: VectorMetric;
  vectorType: PgVectorType;
  index: HnswIndexOptions | IvfflatIndexOptions | undefined;
}): TableSql {
  const { table, schema, dim, metric, vectorType, index } = options;
  const name = quoteIdent(table, 'table');
  const qualified = schema === undefined ? name : `${quoteIdent(schema, 'schema')}.${name}`;
  const type = `${vectorType}(${dim})`;
  const m = metricSql(metric, vectorType);
  const rows = `unnest($1::text[], $2::vector[]::${type}[], $3::jsonb[])`;
  const insertHead = `INSERT INTO ${qualified} (id, embedding, metadata) SELECT * FROM ${rows}`;
  return {
    qualified,
    column: 'embedding',
    metric: m,
    create: `CREATE TABLE IF NOT EXISTS ${qualified} (id text PRIMARY KEY, embedding ${type} NOT NULL, metadata jsonb NOT NULL DEFAULT '{}'::jsonb)`,
    createIndex: index === undefined ? undefined : indexSql(qualified, m.opclass, index),
    columnType:
      "SELECT format_type(a.atttypid, a.atttypmod) AS type FROM pg_attribute a WHERE a.attrelid = to_regclass($1) AND a.attname = 'embedding' AND NOT a.attisdropped",
    vectorOid: "SELECT 'vector'::regtype::oid::int8::float8 AS oid",
    count: `SELECT count(*)::int4 AS n FROM ${qualified}`,
    existing: `SELECT id FROM ${qualified} WHERE id = ANY($1::text[]) LIMIT 1`,
    insert: insertHead,
    upsert: `${insertHead} ON CONFLICT (id) DO UPDATE SET embedding = EXCLUDED.embedding, metadata = EXCLUDED.metadata`,
    remove: `DELETE FROM ${qualified} WHERE id = ANY($1::text[]) RETURNING id`,
    search: (filtered) =>
      `SELECT q.ord::int4 AS q, r.id, ${m.score('r.d')}::float8 AS score FROM unnest($1::vector[]::${type}[]) WITH ORDINALITY AS q(v, ord) CROSS JOIN LATERAL (SELECT t.id, t.embedding ${m.operator} q.v AS d FROM ${qualified} t${filtered ? ' WHERE t.metadata @> $3::jsonb' : ''} ORDER BY d LIMIT $2) r ORDER BY q.ord, score DESC`,
  };
}

function indexSql(qualified: string, opclass: string, index: HnswIndexOptions | IvfflatIndexOptions): string {
  const hash = createHash('sha256')
    .update(`${qualified} ${opclass} ${index.type}`)
    .digest('hex')
    .slice(0, 16);
  const name = quoteIdent(`rk_${hash}_${index.type}`, 'index name');
  const using =
    index.type === 'hnsw'
      ? `hnsw (embedding ${opclass}) WITH (m = ${index.m ?? 16}, ef_construction = ${index.efConstruction ?? 64})`
      : `ivfflat (embedding ${opclass}) WITH (lists = ${index.lists})`;
  return `CREATE INDEX IF NOT EXISTS ${name} ON ${qualified} USING ${using}`;
}
