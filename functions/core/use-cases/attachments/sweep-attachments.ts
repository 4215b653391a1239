import { ConflictError } from '../../errors';
import type { Deps } from '../../ports';
import { ORPHAN_SECONDS } from './attachments';

/**
 * Local counterpart of the S3 lifecycle rule and the table's TTL: files never pinned by a submitted submission
 * (never completed, or never referenced) are deleted a day after upload, the record (if still unpinned), then the bytes.
 */
export async function sweepOrphanAttachments(deps: Deps, batch = 100): Promise<{ removed: number }> {
  const before = new Date(Date.parse(deps.clock.now()) - ORPHAN_SECONDS * 1000).toISOString();
  let removed = 0;
  for (let round = 0; round < 50; round++) {
    const orphans = await deps.attachments.orphansBefore(before, batch);
    for (const att of orphans) {
      if (att.pinnedAt) continue;
      try {
        // The record first, conditioned on still unpinned: a submit pinning it meanwhile wins.
        await deps.attachments.remove(att.id);
      } catch (err) {
        if (err instanceof ConflictError) continue;
        throw err;
      }
      await deps.files.remove(att.storageKey);
      removed++;
    }
    if (orphans.length < batch) break;
  }
  if (removed) deps.logger.info('orphan attachments removed', { removed });
  return { removed };
}
