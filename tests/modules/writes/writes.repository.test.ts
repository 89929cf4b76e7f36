import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWritesRepository } from '../../../src/modules/writes/writes.repositories.js';
import { createWritesService } from '../../../src/modules/writes/writes.service.js';
import { STORES, buildStoreApp, executeRaw, reseed } from '../../helpers/stores.js';
import { tungstenRow } from './helpers.js';

describe.each(STORES)('writes repository and service, below HTTP, on %s', (store) => {
  let app: FastifyInstance;
  beforeEach(async () => {
    app = await buildStoreApp(store);
  });
  afterEach(async () => {
    await app.close();
  });

  it('stamps changes with the injected clock and the actor', async () => {
    const repository = createWritesRepository(app.store);
    const service = createWritesService(repository, { now: () => new Date('2026-03-02T09:15:00Z') });
    await service.upsertProduction('analyst', [tungstenRow({ tonnes: 3500 })]);
    expect((await service.listChanges(0)).data).toEqual([
      expect.objectContaining({ id: 1, version: 2, at: '2026-03-02T09:15:00.000Z', actor: 'analyst', action: 'update' }),
    ]);
  });

  it('an update keeps the row id, so paging cursors over production stay valid', async () => {
    const repository = createWritesRepository(app.store);
    const find = () =>
      repository.findProduction({
        mineral: 'tungsten',
        stage: 'mining',
        country: 'VNM',
        year: 2024,
        basis: 'w-contained',
        edition: 'usgs-mcs-2025',
      });
    const before = await find();
    expect(before).toMatchObject({ tonnes: 3400 });
    await createWritesService(repository).upsertProduction('analyst', [tungstenRow({ tonnes: 3500 })]);
    expect(await find()).toMatchObject({ id: before?.id, tonnes: 3500 });
  });

  it('versions never repeat in the feed, even after `db:seed` resets the dataset version to 1', async () => {
    const repository = createWritesRepository(app.store);
    const service = createWritesService(repository);
    await service.upsertProduction('analyst', [tungstenRow({ tonnes: 3500 })]);
    await service.upsertProduction('analyst', [tungstenRow({ tonnes: 3600 })]);
    await reseed(app); // what `npm run db:seed` does
    expect(await repository.currentVersion()).toBe(1);
    await service.upsertProduction('analyst', [tungstenRow({ tonnes: 3700 })]);
    expect((await service.listChanges(0)).data.map((change) => change.version)).toEqual([2, 3, 4]);
    expect(await repository.versionTag()).toMatch(/^4-/);
  });

  it('checks a write against its own series only: a broken world total elsewhere does not block it, one in its series does', async () => {
    // Tungsten mine production 2023 (MCS 2025) pushed far past its world total, below the API.
    await executeRaw(
      app,
      "update production set tonnes = 500000 where mineral_id = 'tungsten' and country = 'CHN' and year = 2023 and edition = 'usgs-mcs-2025'",
    );
    const repository = createWritesRepository(app.store);
    const service = createWritesService(repository);
    expect(await service.upsertProduction('analyst', [tungstenRow({ tonnes: 3500 })])).toMatchObject({
      updated: 1,
      rows: [{ year: 2024, tonnes: 3500 }],
    });
    let refusal: unknown;
    try {
      await service.upsertProduction('analyst', [tungstenRow({ year: 2023, tonnes: 3500 })]);
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toMatchObject({
      detail: '1 of 1 row(s) break the dataset rules; nothing was stored.',
      errors: [
        {
          field: 'body.rows.0.tonnes',
          message: expect.stringMatching(/^country rows for tungsten\/mining\/2023\/w-contained\/usgs-mcs-2025 add up to /),
        },
      ],
    });
    expect(await repository.currentVersion()).toBe(2);
  });

  it('a refused write rolls back: no version bump, no change row', async () => {
    const repository = createWritesRepository(app.store);
    const service = createWritesService(repository);
    await expect(
      service.upsertProduction('analyst', [tungstenRow({ tonnes: 3500 }), tungstenRow({ country: 'CHN', tonnes: 90_000 })]),
    ).rejects.toThrow(/break the dataset rules/);
    expect(await repository.currentVersion()).toBe(1);
    expect(await repository.changesSince(0)).toEqual([]);
  });
});
