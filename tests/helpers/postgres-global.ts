/**
 * vitest globalSetup: one throwaway PostgreSQL cluster for the whole run (tests/helpers/postgres.ts); each test file
 * that runs on PostgreSQL creates its own database in it (tests/helpers/stores.ts). Without Debian's postgresql
 * package the URL is null and those tests fail, naming the package; every other test runs as before.
 */
import type { TestProject } from 'vitest/node';
import { postgresBinDir, startPostgresCluster, type PostgresCluster } from './postgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The cluster's maintenance database URL, or null when PostgreSQL is not installed. */
    postgresUrl: string | null;
  }
}

let cluster: PostgresCluster | null = null;

export async function setup(project: TestProject): Promise<void> {
  cluster = postgresBinDir() === null ? null : await startPostgresCluster();
  project.provide('postgresUrl', cluster?.url() ?? null);
}

export async function teardown(): Promise<void> {
  await cluster?.destroy();
}
