import { eq } from 'drizzle-orm';
import { datasetMeta } from '../db/schema.js';
import { pgTwin } from '../db/pg-schema.js';
import { notifyDatasetChanged, type PgDb } from '../db/postgres.js';
import { tagOf, versionNumber } from './dataset.repository.js';
import { INSERT_BATCH, dataContentHash, readDataset, seedDecision, seedMeta, type ParsedDataset, type RefreshOutcome } from './load.js';

const meta = pgTwin(datasetMeta);

/**
 * Replaces the PostgreSQL database's contents with the dataset in one transaction, as storeDataset does on SQLite
 * (the same rows, in the same order, so the same ids), and announces the new version to every replica. `db` is one
 * connection's (underMigrationLock's), never the pool's: drizzle's pool transaction can leak its connection (inTransaction).
 */
export async function storeDatasetPg(db: PgDb, dataset: ParsedDataset): Promise<void> {
  await db.transaction(async (tx) => {
    for (const { spec } of [...dataset.files].reverse()) await tx.delete(pgTwin(spec.table));
    for (const { spec, rows } of dataset.files) {
      const values = rows.map((row) => spec.toInsert(row));
      for (let start = 0; start < values.length; start += INSERT_BATCH) {
        await tx.insert(pgTwin(spec.table)).values(values.slice(start, start + INSERT_BATCH));
      }
    }
    await tx.delete(meta);
    const rows = seedMeta(dataset);
    await tx.insert(meta).values(rows);
    const tag = tagOf(rows.find((row) => row.key === 'version')?.value, dataset.contentHash) ?? '';
    await notifyDatasetChanged(tx as unknown as PgDb, tag);
  });
}

/** Start-up on PostgreSQL (run under the migration lock): seed an empty database, re-seed a stale one (seedDecision). */
export async function seedOrRefreshPg(db: PgDb, dataDir: string): Promise<'seeded' | RefreshOutcome> {
  const rows = await db.select({ key: meta.key, value: meta.value }).from(meta);
  const stored = rows as { key: string; value: string }[];
  // An empty database is seeded whatever data/ hashes to, and readDataset hashes it again: hash only to compare.
  const outcome = seedDecision(stored, stored.some((row) => row.key === 'version') ? dataContentHash(dataDir) : '');
  if (outcome === 'current' || outcome === 'kept-writes') return outcome;
  await storeDatasetPg(db, readDataset(dataDir));
  return outcome === 'seed' ? 'seeded' : 'refreshed';
}

/** dataset_meta 'version' as an integer (0 before the first seed). */
export async function pgDatasetVersion(db: PgDb): Promise<number> {
  const [row] = await db.select({ value: meta.value }).from(meta).where(eq(meta.key, 'version'));
  return versionNumber(row?.value as string | undefined);
}
