/**
 * @module
 * The staff workspace assembled from its dependencies: the context, the services, the
 * authentication settings and the permission guard the routes use.
 */
import type { Context, MiddlewareHandler } from 'hono';
import type { Logger } from '../logger.ts';
import { createOutboxDispatcher, webDelivery, type ChannelDelivery, type OutboxDispatcher } from '../conversation/outbox.ts';
import { createMemoryRateLimiter, type RateLimiter } from '../http/rate-limit.ts';
import { createAccountsService, type AccountsService } from './accounts/service.ts';
import { requireStaff, type AuthDeps } from './auth/authenticate.ts';
import type { PasswordHasher } from './auth/passwords.ts';
import type { Permission } from './auth/roles.ts';
import { randomToken } from './auth/secret-text.ts';
import { workspaceGetters, type WorkspaceContext, type WorkspaceState } from './context.ts';
import { createFaqService, type FaqService } from './faq/service.ts';
import { createQueueService, type QueueService } from './queue/service.ts';
import { createSettingsService, type SettingsService } from './settings/registry.ts';

export interface StaffOptions {
  /** Signs session cookies and CSRF tokens (SESSION_SECRET, or one generated and kept in DATA_DIR). */
  sessionSecret: string;
  /** A session ends after this long without a request (SESSION_IDLE_MINUTES). */
  sessionIdleMs: number;
  /** COOKIE_SECURE: always, never, or 'auto': when the request came over https or through a trusted proxy. */
  cookieSecure: boolean | 'auto';
  /** Whether the request reached us through a proxy named in TRUST_PROXY (its socket's peer). */
  viaTrustedProxy?: (c: Context) => boolean;
  hasher: PasswordHasher | null;
  /** Login attempts per account and per client address. */
  loginLimits?: { perAccount: RateLimiter; perAddress: RateLimiter };
  clientKey?: (c: Context) => string;
  /** Deliveries of staff answers by channel, beside the web's. */
  deliveries?: Record<string, ChannelDelivery>;
  defaultAgency?: string;
}

export interface Workspace {
  ctx: WorkspaceContext;
  auth: AuthDeps;
  faq: FaqService;
  queue: QueueService;
  accounts: AccountsService;
  settings: SettingsService;
  dispatcher: OutboxDispatcher;
  loginLimits: { perAccount: RateLimiter; perAddress: RateLimiter };
  clientKey: (c: Context) => string;
  /** The guard of every staff route: 401, CSRF 403, role 403. */
  staff(permission: Permission): MiddlewareHandler;
}

export interface WorkspaceDeps {
  state: WorkspaceState;
  logger: Logger;
  now: () => Date;
  newId: () => string;
  options?: StaffOptions;
}

export function createWorkspace(deps: WorkspaceDeps): Workspace {
  const options: StaffOptions = deps.options ?? { sessionSecret: randomToken(32), sessionIdleMs: 30 * 60_000, cookieSecure: 'auto', hasher: null };
  const getters = workspaceGetters(deps.state);
  const dispatcher = createOutboxDispatcher({ store: () => getters.stores().outbox, deliveries: { ...options.deliveries, web: webDelivery }, now: deps.now, logger: deps.logger });
  const ctx: WorkspaceContext = {
    ...getters,
    now: deps.now,
    newId: deps.newId,
    logger: deps.logger,
    hasher: options.hasher,
    defaultAgency: options.defaultAgency ?? 'Sở Khoa học và Công nghệ tỉnh Điện Biên',
    dispatchOutbox: () => void dispatcher.dispatch().catch((error: unknown) => deps.logger.error('delivering staff answers failed', { error })),
  };
  const secure = (c: Context) =>
    options.cookieSecure === 'auto' ? new URL(c.req.url).protocol === 'https:' || (options.viaTrustedProxy?.(c) ?? false) : options.cookieSecure;
  const auth: AuthDeps = { session: { secret: options.sessionSecret, idleMs: options.sessionIdleMs, secure }, staff: () => getters.stores().staff, now: deps.now };
  const settings = createSettingsService(ctx);
  const faq = createFaqService(ctx, () => settings.read());
  return {
    ctx,
    auth,
    faq,
    queue: createQueueService(ctx, faq, settings),
    accounts: createAccountsService(ctx),
    settings,
    dispatcher,
    // Five tries at once per account, then one every 12 s; an address may try twenty names a minute.
    loginLimits: options.loginLimits ?? { perAccount: createMemoryRateLimiter({ perMinute: 5, burst: 5 }), perAddress: createMemoryRateLimiter({ perMinute: 20, burst: 10 }) },
    clientKey: options.clientKey ?? (() => 'unknown'),
    staff: (permission) => requireStaff(auth, permission),
  };
}
