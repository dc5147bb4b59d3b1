/**
 * @module
 * A faithful fake of the Zalo platform on loopback, and Zalo's side of the webhook.
 *
 * OpenAPI `POST /v3.0/oa/message/cs` (consultation message): the `access_token` header;
 * HTTP 200 with `{"error": 0, "data": {…}}`, or HTTP 200 with a negative code: -216 for an
 * unknown token, -220 for an expired one, -230 for a user who has not interacted for 7
 * days, -210 for text over 2,000 characters, -201 for a missing field, -32 over the rate
 * limit. OAuth `POST /v4/oa/access_token` (refresh): the `secret_key` header, a form body;
 * each refresh returns a new pair, kills the old access token and spends the refresh token.
 *
 * Events are sent as Zalo does: the raw JSON, `X-ZEvent-Signature: mac=<sha256 hex of app
 * id + body + timestamp + OA secret key>` (computed here with node:crypto, apart from the
 * code under test).
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

export interface SentZaloMessage {
  userId: string;
  text: string;
  token: string;
  at: number;
}

export type ZaloFailure = { status: number } | { error: number; message?: string } | { delayMs: number };

export interface FakeZalo {
  url: string;
  sent: SentZaloMessage[];
  /** Every call to the consultation endpoint, answered or not. */
  calls: number;
  refreshes: { ok: number; refused: number };
  tokens(): { accessToken: string; refreshToken: string };
  /** The current access token now answers -220, as after its 25 hours. */
  expireAccessToken(): void;
  /** The user last interacted more than 7 days ago: -230. */
  markStale(userId: string): void;
  /** How the next consultation calls fail, in order; then normally. */
  script(...failures: ZaloFailure[]): void;
  /** Calls per second over which -32 is answered. */
  setRateLimit(perSecond: number): void;
  textsTo(userId: string): string[];
  /** Resolves when `count` messages went to the user (or to anyone), failing after `timeoutMs`. */
  waitForMessages(count: number, userId?: string, timeoutMs?: number): Promise<SentZaloMessage[]>;
  close(): Promise<void>;
}

const token = (prefix: string) => `${prefix}_${randomBytes(12).toString('hex')}`;

async function readBody(req: IncomingMessage): Promise<string> {
  const parts: Buffer[] = [];
  for await (const part of req) parts.push(part as Buffer);
  return Buffer.concat(parts).toString('utf8');
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

export async function startFakeZalo(options: { appId: string; appSecret: string; accessToken: string; refreshToken: string }): Promise<FakeZalo> {
  let access = options.accessToken;
  let refresh = options.refreshToken;
  const expired = new Set<string>();
  const stale = new Set<string>();
  const failures: ZaloFailure[] = [];
  const sent: SentZaloMessage[] = [];
  const refreshes = { ok: 0, refused: 0 };
  let calls = 0;
  let perSecond = Infinity;
  const recent: number[] = [];

  async function consultation(req: IncomingMessage, res: ServerResponse): Promise<void> {
    calls++;
    const raw = await readBody(req);
    const failure = failures.shift();
    if (failure && 'delayMs' in failure) await new Promise((r) => setTimeout(r, failure.delayMs));
    else if (failure && 'status' in failure) {
      res.writeHead(failure.status, { 'content-type': 'text/html' });
      res.end('<html><body>Service Unavailable</body></html>');
      return;
    } else if (failure) return json(res, 200, { error: failure.error, message: failure.message ?? 'Scripted failure' });
    const now = Date.now();
    while (recent.length && (recent[0] ?? 0) < now - 1000) recent.shift();
    recent.push(now);
    if (recent.length > perSecond) return json(res, 200, { error: -32, message: 'Your application/OA reached limit call api' });
    const given = req.headers['access_token'];
    if (typeof given !== 'string' || (given !== access && !expired.has(given))) return json(res, 200, { error: -216, message: 'Access token is invalid' });
    if (expired.has(given)) return json(res, 200, { error: -220, message: 'Access token is expired or removed' });
    let body: { recipient?: { user_id?: unknown }; message?: { text?: unknown } };
    try {
      body = JSON.parse(raw) as typeof body;
    } catch {
      return json(res, 200, { error: -201, message: 'body is invalid!' });
    }
    const userId = body.recipient?.user_id;
    const text = body.message?.text;
    if (typeof userId !== 'string' || !/^\d+$/.test(userId)) return json(res, 200, { error: -201, message: 'user_id is invalid!' });
    if (typeof text !== 'string' || text.length === 0) return json(res, 200, { error: -201, message: 'text is invalid!' });
    if (text.length > 2000) return json(res, 200, { error: -210, message: 'Parameter exceeds allowable limit' });
    if (stale.has(userId)) return json(res, 200, { error: -230, message: 'User has not interacted with the OA in the past 7 days' });
    sent.push({ userId, text, token: given, at: now });
    json(res, 200, { data: { message_id: randomBytes(10).toString('hex'), user_id: userId, sent_time: String(now) }, error: 0, message: 'Success' });
  }

  async function accessToken(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const form = new URLSearchParams(await readBody(req));
    const refused = (error: number, name: string) => {
      refreshes.refused++;
      json(res, 200, { error, error_name: name, error_reason: name, error_description: name });
    };
    if (!String(req.headers['content-type']).startsWith('application/x-www-form-urlencoded')) return refused(-14001, 'Invalid content type');
    if (req.headers['secret_key'] !== options.appSecret) return refused(-14002, 'Invalid secret key');
    if (form.get('app_id') !== options.appId) return refused(-14003, 'Invalid app id');
    if (form.get('grant_type') !== 'refresh_token') return refused(-14004, 'Invalid grant type');
    if (form.get('refresh_token') !== refresh) return refused(-14014, 'Invalid refresh token');
    // The old access token dies and the refresh token is spent as soon as a new pair is issued.
    expired.delete(access);
    access = token('access');
    refresh = token('refresh');
    refreshes.ok++;
    json(res, 200, { access_token: access, refresh_token: refresh, expires_in: '90000' });
  }

  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://fake').pathname;
    const route = req.method === 'POST' && path === '/v3.0/oa/message/cs' ? consultation : req.method === 'POST' && path === '/v4/oa/access_token' ? accessToken : null;
    if (!route) return json(res, 404, { error: -404, message: 'Not found' });
    route(req, res).catch((error: unknown) => json(res, 500, { error: -1, message: String(error) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;

  return {
    url: `http://127.0.0.1:${port}`,
    sent,
    get calls() {
      return calls;
    },
    refreshes,
    tokens: () => ({ accessToken: access, refreshToken: refresh }),
    expireAccessToken: () => void expired.add(access),
    markStale: (userId) => void stale.add(userId),
    script: (...next) => void failures.push(...next),
    setRateLimit: (n) => void (perSecond = n),
    textsTo: (userId) => sent.filter((m) => m.userId === userId).map((m) => m.text),
    async waitForMessages(count, userId, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      const mine = () => sent.filter((m) => userId === undefined || m.userId === userId);
      while (mine().length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} Zalo messages${userId ? ` to ${userId}` : ''}, got ${mine().length}`);
        await new Promise((r) => setTimeout(r, 20));
      }
      return mine();
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export interface ZaloTextEvent {
  appId: string;
  userId: string;
  oaId: string;
  msgId: string;
  text: string;
  timestamp?: number;
  eventName?: string;
}

/** A `user_send_text` body in the field order of Zalo's documented example. */
export function zaloTextEvent(e: ZaloTextEvent): string {
  return JSON.stringify({
    app_id: e.appId,
    sender: { id: e.userId },
    user_id_by_app: `9${e.userId.slice(1)}`,
    recipient: { id: e.oaId },
    event_name: e.eventName ?? 'user_send_text',
    message: { text: e.text, msg_id: e.msgId },
    timestamp: String(e.timestamp ?? Date.now()),
  });
}

export function zaloSignature(raw: string, appId: string, oaSecretKey: string): string {
  const timestamp = (JSON.parse(raw) as { timestamp: string }).timestamp;
  return `mac=${createHash('sha256').update(appId + raw + timestamp + oaSecretKey, 'utf8').digest('hex')}`;
}

/** POSTs an event as Zalo's servers do; `signature` overrides the header (null: none). */
/** Where webhook requests go: a server's base URL, or an in-memory app's `request`. */
export type WebhookTarget = string | ((path: string, init: RequestInit) => Response | Promise<Response>);

export function sendTo(target: WebhookTarget, path: string, init: RequestInit): Promise<Response> {
  return Promise.resolve(typeof target === 'string' ? fetch(target + path, init) : target(path, init));
}

export function postZaloEvent(target: WebhookTarget, raw: string, keys: { appId: string; oaSecretKey: string }, signature?: string | null): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': 'Zalo-Webhook' };
  const mac = signature === undefined ? zaloSignature(raw, keys.appId, keys.oaSecretKey) : signature;
  if (mac !== null) headers['x-zevent-signature'] = mac;
  return sendTo(target, '/webhooks/zalo', { method: 'POST', headers, body: raw });
}
