import type { DatabaseProbe } from '../../db/store.js';
import { AppError } from '../../errors.js';

export interface Readiness {
  /** `degraded`: the database is away, and this instance answers reads from the snapshot it holds (writes get 503). */
  status: 'ready' | 'degraded';
  datasetVersion: string;
  migrations: number;
  /** Why it is degraded. */
  detail?: string;
}

/**
 * Ready = the database answers a query, has every migration this build ships, and holds a dataset. A replica on a
 * shared database that cannot reach it, but holds a snapshot, is degraded (200: a load balancer keeps sending it
 * reads). Otherwise throws AppError('unavailable') naming what is missing, which the error handler turns into 503.
 */
export function createHealthService(probe: DatabaseProbe) {
  let lastApplied = probe.expected;
  return {
    async readiness(): Promise<Readiness> {
      let applied: number;
      let version: string | null;
      try {
        ({ applied, version } = await probe.check());
      } catch (error) {
        const reason = `The database is unreachable: ${(error as Error).message}.`;
        const served = probe.servedWhileAway();
        if (served === null) throw new AppError('unavailable', reason);
        return {
          status: 'degraded',
          datasetVersion: served,
          migrations: lastApplied,
          detail: `${reason} Reads are answered from memory; writes get 503.`,
        };
      }
      if (applied < probe.expected) {
        throw new AppError('unavailable', `The database is not migrated: ${applied} of ${probe.expected} migrations applied.`);
      }
      if (version === null) throw new AppError('unavailable', 'The database holds no dataset yet.');
      lastApplied = applied;
      return { status: 'ready', datasetVersion: version, migrations: applied };
    },
  };
}
