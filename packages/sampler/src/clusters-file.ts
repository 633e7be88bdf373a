import { readFile } from 'node:fs/promises';
import { RetrievekitError } from '@retrievekit/core';
import { writeFileAtomic } from '@retrievekit/core/node';

/** Query clusters: each cluster a list of query ids. */
export type QueryClusters = readonly (readonly string[])[];

/**
 * Writes clusters one line per cluster, query ids separated by single spaces, atomically
 * (temp file + fsync + rename). An empty cluster is an empty line, so line n is always cluster n-1.
 */
export async function writeClusters(path: string, clusters: QueryClusters): Promise<void> {
  for (let c = 0; c < clusters.length; c++) {
    for (const id of clusters[c] as readonly string[]) {
      if (id.length === 0 || /\s/.test(id)) {
        throw new RetrievekitError(
          'INVALID_ARGUMENT',
          `query id ${JSON.stringify(id)} is empty or contains whitespace`,
          {
            where: { index: c },
            hint: 'cluster files separate ids by whitespace',
          },
        );
      }
    }
  }
  await writeFileAtomic(
    path,
    (function* () {
      for (const cluster of clusters) yield `${cluster.join(' ')}\n`;
    })(),
  );
}

/**
 * Reads a cluster file (one line per cluster, whitespace-separated query ids). A query id in two
 * clusters is a `DUPLICATE_ID` error naming both lines.
 */
export async function readClusters(path: string): Promise<string[][]> {
  const text = await readFile(path, 'utf8');
  const lines = text.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const lineOf = new Map<string, number>();
  return lines.map((raw, index) => {
    const ids = raw.split(/\s+/).filter((id) => id.length > 0);
    for (const id of ids) {
      const previous = lineOf.get(id);
      if (previous !== undefined) {
        throw new RetrievekitError(
          'DUPLICATE_ID',
          `query ${id} is in the clusters of lines ${previous} and ${index + 1}`,
          {
            where: { file: path, line: index + 1 },
            hint: 'each query belongs to exactly one cluster',
          },
        );
      }
      lineOf.set(id, index + 1);
    }
    return ids;
  });
}
