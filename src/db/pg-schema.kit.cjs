// drizzle-kit's view of the generated PostgreSQL schema (drizzle.config.pg.ts): every table as its own export.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- drizzle-kit loads schema files with require()
module.exports = Object.fromEntries(require('./pg-schema.ts').PG_TABLES);
