/**
 * @module
 * What the shared HTTP contract suites (test/contract/*.ts) run against: the app in memory on
 * Node (`app.request()` over a real SQLite file) or the Worker in workerd (Miniflare's
 * `dispatchFetch` over a local D1). Each suite is written once and run on both.
 */
import { queryDatabase, type TestApp } from '../helpers.ts';

export interface ContractTarget {
  /** A request to a path of the service (`/api/chat`), as `app.request` takes it. */
  request(path: string, init?: RequestInit): Promise<Response>;
  /** Rows of a query on the service's database (SQLite on Node, D1 on Workers). */
  query<T>(sql: string, ...params: unknown[]): Promise<T[]>;
}

/** An app in memory and its SQLite file: a `TestApp`, or the staff workspace's `WorkspaceApp`. */
export function nodeTarget(t: () => Pick<TestApp, 'app' | 'dbFile'>): ContractTarget {
  return {
    request: async (path, init) => t().app.request(path, init),
    query: async <T>(sql: string, ...params: unknown[]) => queryDatabase<T>(t().dbFile, sql, ...params),
  };
}
