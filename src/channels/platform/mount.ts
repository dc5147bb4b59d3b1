/**
 * @module
 * The chat platforms' webhook routes on the app: each configured channel mounts its own;
 * a channel without configuration answers 404 on its paths, so they exist (and are
 * documented) either way. No CORS and no per-address rate limit ever applies here: the
 * callers are the platforms' servers, limited per user inside each channel.
 */
import type { Hono } from 'hono';
import { AppError } from '../../errors.ts';
import type { PlatformChannel, PlatformName, WebhookEnv } from './types.ts';

const PATHS: Record<PlatformName, { label: string; routes: Array<['GET' | 'POST', string]> }> = {
  zalo: { label: 'Zalo', routes: [['POST', '/webhooks/zalo']] },
  messenger: {
    label: 'Messenger',
    routes: [
      ['GET', '/webhooks/facebook'],
      ['POST', '/webhooks/facebook'],
    ],
  },
};

export function mountPlatformWebhooks(app: Hono, platforms: readonly PlatformChannel[], env: WebhookEnv): void {
  for (const name of Object.keys(PATHS) as PlatformName[]) {
    const platform = platforms.find((p) => p.channel === name);
    if (platform) {
      platform.mount(app, env);
      continue;
    }
    const { label, routes } = PATHS[name];
    for (const [method, path] of routes) {
      app.on(method, path, () => {
        throw new AppError('not_found', `Kênh ${label} chưa được bật trên máy chủ này.`);
      });
    }
  }
}
