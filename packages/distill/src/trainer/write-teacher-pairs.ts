import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { RetrievekitError } from '@retrievekit/core';
import type { TeacherPairRow } from './build-teacher-pairs.js';

function checkRow(row: TeacherPairRow, index: number): void {
  for (const id of [row.queryId, row.positiveId, row.negativeId]) {
    if (id.length === 0 || /[\t\n\r]/.test(id)) {
      throw new RetrievekitError('INVALID_ARGUMENT', `pair ${index} has id ${JSON.stringify(id)}`, {
        where: { index },
        hint: 'ids must be non-empty and contain no tab or newline',
      });
    }
  }
  if (!Number.isFinite(row.positiveScore) || !Number.isFinite(row.negativeScore)) {
    throw new RetrievekitError(
      'NON_FINITE',
      `pair ${index} has scores ${row.positiveScore}, ${row.negativeScore}`,
      {
        where: { index },
      },
    );
  }
}

/**
 * Writes pairs as the teacher-score TSV of the TAS-B spec (`pos_score<TAB>neg_score<TAB>qid<TAB>pos_pid
 * <TAB>neg_pid`, one line per pair; `@retrievekit/sampler`'s `readTeacherPairs` reads it), atomically:
 * a temporary file in the same folder, fsync, rename.
 */
export async function writeTeacherPairsTsv(path: string, pairs: readonly TeacherPairRow[]): Promise<void> {
  pairs.forEach(checkRow);
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  const handle = await open(temporary, 'w');
  try {
    const chunk: string[] = [];
    for (const p of pairs) {
      chunk.push(`${p.positiveScore}\t${p.negativeScore}\t${p.queryId}\t${p.positiveId}\t${p.negativeId}\n`);
      if (chunk.length === 4096) await handle.write(chunk.splice(0).join(''));
    }
    if (chunk.length > 0) await handle.write(chunk.join(''));
    await handle.sync();
    await handle.close();
    await rename(temporary, path);
  } catch (error) {
    await handle.close().catch(() => undefined);
    await rm(temporary, { force: true });
    throw error;
  }
}
