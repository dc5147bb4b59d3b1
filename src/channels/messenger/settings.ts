/**
 * @module
 * What the Messenger channel is configured with (read from the environment by config.ts).
 */
export interface MessengerSettings {
  /** The Meta app's secret: the key of `X-Hub-Signature-256` and of `appsecret_proof`. */
  appSecret: string;
  /** Chosen by the operator and typed into the app's Webhooks settings: the GET handshake checks it. */
  verifyToken: string;
  /** The Page's access token (pages_messaging). */
  pageAccessToken: string;
  graphApiBase: string;
  graphApiVersion: string;
}

export const MESSENGER_REQUIRED = ['FB_APP_SECRET', 'FB_VERIFY_TOKEN', 'FB_PAGE_ACCESS_TOKEN'] as const;
