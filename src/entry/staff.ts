/**
 * @module
 * The staff workspace on Node: scrypt passwords, the session key (configured or kept in
 * DATA_DIR), Secure cookies behind a trusted proxy, the first admin of a fresh install, and
 * the published FAQ applied to every engine before it serves.
 */
import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { AppState, ReadyEngine } from '../app.ts';
import { applyPublishedFaq, prepareEngine } from '../admin/faq/live.ts';
import { createWorkspace, type Workspace } from '../admin/workspace.ts';
import type { Config } from '../config.ts';
import { isTrustedProxy } from '../http/client-address.ts';
import { timeOrderedId } from '../http/time-ordered-id.ts';
import type { Logger } from '../logger.ts';
import { readFaqFiles } from './faq-files.ts';
import { createScryptHasher } from './scrypt.ts';
import { loadSessionSecret } from './session-secret.ts';

export function createNodeWorkspace(config: Config, state: AppState, logger: Logger, clientKey: (c: Context) => string): Workspace {
  const { secret, generated } = loadSessionSecret(config.dataDir, config.staff.sessionSecret);
  if (generated) logger.info('generated a key for staff sessions in DATA_DIR (set SESSION_SECRET to choose one)');
  return createWorkspace({
    state,
    logger,
    now: () => new Date(),
    newId: () => timeOrderedId(),
    options: {
      sessionSecret: secret,
      sessionIdleMs: config.staff.sessionIdleMs,
      cookieSecure: config.staff.cookieSecure,
      viaTrustedProxy: (c) => isTrustedProxy(getConnInfo(c).remote.address, config.trustedProxies),
      hasher: createScryptHasher(),
      clientKey,
      defaultAgency: config.defaultAgency,
    },
  });
}

/** Once the store is open: the first admin (ADMIN_USERNAME/ADMIN_PASSWORD) when there is no account, and staff answers still waiting for delivery. */
export async function startStaffWorkspace(workspace: Workspace, config: Config, logger: Logger): Promise<void> {
  const first = config.staff.firstAdmin;
  if (first) {
    if (await workspace.accounts.createFirstAdmin(first.username, first.password, 'system')) logger.info('created the first admin account from ADMIN_USERNAME', { username: first.username });
    else logger.info('ADMIN_USERNAME and ADMIN_PASSWORD are ignored: staff accounts exist (manage them at /admin/accounts)');
  } else if ((await workspace.ctx.stores().staff.countUsers()) === 0) {
    logger.warn('no staff account yet: set ADMIN_USERNAME and ADMIN_PASSWORD, or run npm run admin -- create-user --username NAME --role admin');
  }
  await workspace.dispatcher.dispatch();
}

/** Before an engine serves (start, rebuild): the FAQ staff published, never the YAML it was built with (imported on a first start). */
export async function prepareServedEngine(engine: ReadyEngine, workspace: Workspace, config: Config, logger: Logger): Promise<void> {
  const reviewDays = (await workspace.settings.read()).reviewDays;
  const applied = await prepareEngine(engine, workspace.ctx.stores(), readFaqFiles(config.corpusDir), { now: workspace.ctx.now, newId: workspace.ctx.newId, logger, reviewDays });
  if (applied) logger.info('published FAQ served', { entries: applied.served, leftOut: applied.problems.length });
}

/**
 * Serves an engine (start, rebuild) with the published FAQ: prepared before it answers
 * anyone, installed, then given the FAQ once more, since a publish that landed between the
 * first read and the swap reached only the engine being replaced.
 */
export async function serveWithPublishedFaq(engine: ReadyEngine, install: () => void, workspace: Workspace, config: Config, logger: Logger): Promise<void> {
  await prepareServedEngine(engine, workspace, config, logger);
  install();
  await applyPublishedFaq(engine, workspace.ctx.stores().faq, logger);
}
