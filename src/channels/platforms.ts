/**
 * @module
 * The chat-platform channels the configuration turns on. A channel whose variables are
 * missing is off, said in one log line naming what to set; nothing fails to start.
 */
import type { Logger } from '../logger.ts';
import { createMemoryRateLimiter, type RateLimiter } from '../http/rate-limit.ts';
import { createMessengerChannel } from './messenger/channel.ts';
import { MESSENGER_REQUIRED, type MessengerSettings } from './messenger/settings.ts';
import type { ChannelDeps, PlatformChannel } from './platform/types.ts';
import { createZaloChannel } from './zalo/channel.ts';
import { ZALO_REQUIRED, type ZaloSettings } from './zalo/settings.ts';

export interface PlatformSettings {
  zalo: ZaloSettings | { missing: string[] };
  messenger: MessengerSettings | { missing: string[] };
  /** Per platform user, as the web's per client; perMinute 0: no limit. */
  rateLimit: { perMinute: number; burst: number };
}

function off(logger: Logger, label: string, required: readonly string[], missing: string[]): void {
  const list = (names: readonly string[]) => names.join(', ');
  if (missing.length === required.length) logger.info(`the ${label} channel is off (set ${list(required)} to turn it on; README, "Zalo and Messenger")`);
  else logger.warn(`the ${label} channel is off: ${list(missing)} ${missing.length === 1 ? 'is' : 'are'} not set`, { missing });
}

/** `limiter`: each channel's per-user limiter (in memory by default; shared by every isolate on Workers). */
export function createPlatformChannels(settings: PlatformSettings, deps: Omit<ChannelDeps, 'limiter'> & { limiter?: (channel: string) => RateLimiter }): PlatformChannel[] {
  const channels: PlatformChannel[] = [];
  const limiter = (channel: string) =>
    settings.rateLimit.perMinute <= 0 ? undefined : (deps.limiter?.(channel) ?? createMemoryRateLimiter({ ...settings.rateLimit, now: () => deps.now().getTime() }));
  if ('missing' in settings.zalo) off(deps.logger, 'Zalo OA', ZALO_REQUIRED, settings.zalo.missing);
  else {
    if (settings.zalo.oaId === null) deps.logger.warn('ZALO_OA_ID is not set: events for any OA linked to the Zalo app are answered (set it to this OA\'s id; README, "Zalo and Messenger")');
    channels.push(createZaloChannel(settings.zalo, { ...deps, limiter: limiter('zalo') }));
  }
  if ('missing' in settings.messenger) off(deps.logger, 'Messenger', MESSENGER_REQUIRED, settings.messenger.missing);
  else channels.push(createMessengerChannel(settings.messenger, { ...deps, limiter: limiter('messenger') }));
  for (const channel of channels) deps.logger.info('chat platform channel on', { channel: channel.channel });
  return channels;
}
