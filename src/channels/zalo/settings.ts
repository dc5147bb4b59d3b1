/**
 * @module
 * What the Zalo channel is configured with (read from the environment by config.ts).
 */
export interface ZaloSettings {
  /** The Zalo app (developers.zalo.me) the OA granted; signs into every webhook signature. */
  appId: string;
  /** The app's secret: the `secret_key` header of token refreshes. */
  appSecret: string;
  /** The OA Secret Key of the app's Webhook page (not the app secret): signs webhook events. */
  oaSecretKey: string;
  /** The first pair of tokens from authorising the OA; rotated ones are stored. */
  accessToken: string;
  refreshToken: string;
  /** When set, events for other OAs of the same app are ignored. */
  oaId: string | null;
  openApiBase: string;
  oauthBase: string;
}

export const ZALO_REQUIRED = ['ZALO_APP_ID', 'ZALO_APP_SECRET', 'ZALO_OA_SECRET_KEY', 'ZALO_ACCESS_TOKEN', 'ZALO_REFRESH_TOKEN'] as const;
