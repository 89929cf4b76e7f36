import { getTableColumns, getTableName } from 'drizzle-orm';
import {
  boolean,
  doublePrecision,
  index,
  integer,
  pgTable,
  primaryKey,
  serial,
  text,
  uniqueIndex,
  type PgColumn,
  type PgColumnBuilderBase,
  type PgTable,
} from 'drizzle-orm/pg-core';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { STORE_TABLES, type CatalogueColumn, type TableShape } from './catalogue.js';

/**
 * The PostgreSQL schema, generated from the table catalogue (db/catalogue.ts) — itself read from the SQLite schema
 * (db/schema.ts), the one place columns are declared. Each table keeps the SQLite table's property names, so a
 * drizzle select returns rows of exactly the SQLite schema's `$inferSelect` shape, and repositories keep those types
 * for both stores. Kinds map as: text → text, integer → integer (every stored whole number fits 32 bits), real →
 * double precision (SQLite's REAL is an 8-byte float too), boolean → boolean, an autoincrement key → serial.
 */

function pgColumn(column: CatalogueColumn): PgColumnBuilderBase {
  const name = column.sqlName;
  if (column.autoIncrement) return serial(name).primaryKey();
  const base =
    column.kind === 'text'
      ? text(name, column.enumValues ? { enum: column.enumValues as [string, ...string[]] } : {})
      : column.kind === 'integer'
        ? integer(name)
        : column.kind === 'real'
          ? doublePrecision(name)
          : boolean(name);
  // The builders' methods return narrower builder types; one chain over the common base keeps them together.
  let built = base as ReturnType<typeof text>;
  if (column.primaryKey) built = built.primaryKey();
  if (column.notNull) built = built.notNull();
  if (column.defaultValue !== undefined) built = built.default(column.defaultValue as string);
  if (column.defaultFn !== undefined) built = built.$defaultFn(column.defaultFn as () => string);
  return built;
}

/** One PostgreSQL table of the catalogue's shape; references point at the tables generated before it. */
function pgTableOf(shape: TableShape, generated: ReadonlyMap<string, PgTable>): PgTable {
  const columns: Record<string, PgColumnBuilderBase> = {};
  for (const column of shape.columns) {
    let builder = pgColumn(column);
    const target = column.references;
    if (target !== undefined) {
      const table = generated.get(target.table);
      if (table === undefined) throw new Error(`pg-schema: ${shape.name} refers to ${target.table}, which comes later`);
      const foreign = Object.values(getTableColumns(table)).find((candidate) => candidate.name === target.column);
      if (foreign === undefined) throw new Error(`pg-schema: ${target.table} has no column ${target.column}`);
      builder = (builder as ReturnType<typeof text>).references(() => foreign as PgColumn);
    }
    columns[column.property] = builder;
  }
  return pgTable(shape.name, columns, (table) => {
    const byName = (name: string) => {
      const column = Object.values(table).find((candidate) => (candidate as PgColumn).name === name);
      if (column === undefined) throw new Error(`pg-schema: ${shape.name} has no column ${name}`);
      return column as PgColumn;
    };
    const extras = shape.indexes.map((entry) => {
      const [first, ...rest] = entry.columns.map(byName);
      if (first === undefined) throw new Error(`pg-schema: index ${entry.name} has no columns`);
      return (entry.unique ? uniqueIndex(entry.name) : index(entry.name)).on(first, ...rest);
    });
    const [first, ...rest] = shape.primaryKey.map(byName);
    return first === undefined ? extras : [...extras, primaryKey({ columns: [first, ...rest] })];
  });
}

function generate(): ReadonlyMap<string, PgTable> {
  const generated = new Map<string, PgTable>();
  for (const shape of STORE_TABLES) generated.set(shape.name, pgTableOf(shape, generated));
  return generated;
}

/** Every PostgreSQL table by SQL name, in creation order. */
export const PG_TABLES: ReadonlyMap<string, PgTable> = generate();

/** A SQLite table's columns as PostgreSQL columns, under the same property names. */
export type PgColumnsOf<T extends SQLiteTable> = { [K in keyof T['_']['columns']]: PgColumn };

/** The PostgreSQL twin of a SQLite schema table: same SQL name, same property names. */
export function pgTwin<T extends SQLiteTable>(table: T): PgTable & PgColumnsOf<T> {
  const name = getTableName(table);
  const twin = PG_TABLES.get(name);
  if (twin === undefined) throw new Error(`pg-schema: no PostgreSQL table ${name}`);
  return twin as PgTable & PgColumnsOf<T>;
}

/** The PostgreSQL twin of a SQLite column. */
export function pgColumnOf(table: SQLiteTable, column: SQLiteColumn): PgColumn {
  const found = Object.values(getTableColumns(pgTwin(table))).find((candidate) => candidate.name === column.name);
  if (found === undefined) throw new Error(`pg-schema: no PostgreSQL column ${column.name}`);
  return found;
}
