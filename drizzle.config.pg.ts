import { defineConfig } from 'drizzle-kit';

/**
 * drizzle-kit for the PostgreSQL store: `npm run db:generate:pg` writes migrations-pg/ from the schema generated out
 * of the table catalogue (src/db/pg-schema.ts). drizzle-kit picks tables up from a module's exports, and the generated
 * tables sit in one map, so it reads them through a small CommonJS shim that exports each one.
 */
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/pg-schema.kit.cjs',
  out: './migrations-pg',
});
