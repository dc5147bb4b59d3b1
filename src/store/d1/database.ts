/**
 * @module
 * D1 (Cloudflare's SQLite) as the stores need it, typed structurally so that the Worker's
 * binding, Miniflare's proxy and test fakes all fit. D1 has no `BEGIN`: a batch is the
 * transaction (all statements or none). What a transaction on Node checks by reading first
 * (a version, a state) is read before the batch and checked again inside it by a guard
 * statement, which fails the whole batch when the row changed in between.
 */
export type D1Value = string | number | null | ArrayBuffer;

export interface D1Statement {
  bind(...values: D1Value[]): D1Statement;
  first<T = Record<string, unknown>>(): Promise<T | null>;
  all<T = Record<string, unknown>>(): Promise<{ results: T[] }>;
  run(): Promise<{ meta: { changes?: number } }>;
}

export interface D1Database {
  prepare(sql: string): D1Statement;
  batch(statements: D1Statement[]): Promise<Array<{ meta: { changes?: number } }>>;
}

/** Binds values, `undefined` as NULL and booleans as 0/1 (D1 refuses undefined). */
export function statement(db: D1Database, sql: string, ...values: unknown[]): D1Statement {
  const bound = values.map((v): D1Value => (v === undefined ? null : typeof v === 'boolean' ? (v ? 1 : 0) : (v as D1Value)));
  return bound.length > 0 ? db.prepare(sql).bind(...bound) : db.prepare(sql);
}

export async function rows<T>(db: D1Database, sql: string, ...values: unknown[]): Promise<T[]> {
  return (await statement(db, sql, ...values).all<T>()).results;
}

export async function row<T>(db: D1Database, sql: string, ...values: unknown[]): Promise<T | null> {
  return statement(db, sql, ...values).first<T>();
}

/** The single value of a one-column query (COUNT, MAX…). */
export async function value<T>(db: D1Database, sql: string, ...values: unknown[]): Promise<T | null> {
  const found = await row<Record<string, T>>(db, sql, ...values);
  return found ? ((Object.values(found)[0] as T | undefined) ?? null) : null;
}

export async function changes(db: D1Database, sql: string, ...values: unknown[]): Promise<number> {
  return (await statement(db, sql, ...values).run()).meta.changes ?? 0;
}

/**
 * A statement that fails its batch unless `condition` (SQL, with `?` parameters) holds.
 * SQLite's RAISE() exists only in triggers, so the failure is json() of text that is never
 * JSON ("malformed JSON"), evaluated only when the condition is false.
 */
export function guard(db: D1Database, condition: string, ...values: unknown[]): D1Statement {
  return statement(db, `SELECT CASE WHEN ${condition} THEN 1 ELSE json('guard failed: the row changed') END`, ...values);
}

export function isGuardFailure(error: unknown): boolean {
  return /malformed JSON/i.test(String((error as Error)?.message ?? error));
}

export function isUniqueViolation(error: unknown): boolean {
  return /UNIQUE constraint failed/i.test(String((error as Error)?.message ?? error));
}
