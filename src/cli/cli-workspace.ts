/**
 * @module
 * The staff workspace for the command line: the database in DATA_DIR (the server may be
 * running: SQLite in WAL mode takes both), scrypt, and "cli" as the actor of the audit log.
 */
import { join } from 'node:path';
import type { ReadyEngine } from '../app.ts';
import { createWorkspace, type Workspace } from '../admin/workspace.ts';
import type { Config } from '../config.ts';
import { createScryptHasher } from '../entry/scrypt.ts';
import { timeOrderedId } from '../http/time-ordered-id.ts';
import { createLogger } from '../logger.ts';
import { openSqliteStores } from '../store/sqlite-stores.ts';

export const CLI_ACTOR = 'cli';

export function openCliWorkspace(config: Config, engine: ReadyEngine | null = null): { workspace: Workspace; close(): Promise<void> } {
  const stores = openSqliteStores(join(config.dataDir, 'hoidap.sqlite'), { busyTimeoutMs: 5_000 });
  const workspace = createWorkspace({
    state: { engine, workspace: stores.workspace },
    logger: createLogger('warn'),
    now: () => new Date(),
    newId: () => timeOrderedId(),
    options: { sessionSecret: 'unused-by-the-command-line', sessionIdleMs: 60_000, cookieSecure: 'auto', hasher: createScryptHasher(), defaultAgency: config.defaultAgency },
  });
  return { workspace, close: () => stores.conversations.close() };
}

export function fail(message: string, code = 1): never {
  console.error(message);
  process.exit(code);
}
