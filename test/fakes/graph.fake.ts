/**
 * @module
 * A faithful fake of Meta's Graph API Send endpoint on loopback, and Meta's side of the
 * Messenger webhook.
 *
 * `POST /{version}/me/messages?access_token=…[&appsecret_proof=…]`: a JSON body with
 * `recipient.id` and either `message` (with `messaging_type`) or `sender_action`, never
 * both; text at most 2,000 characters; at most 13 quick replies titled in at most 20
 * characters. Errors are non-2xx `{"error": {message, type, code, error_subcode?,
 * fbtrace_id}}`: 190 for a bad token, 100 for a bad parameter, 10/2018278 outside the
 * 24-hour window.
 *
 * Deliveries are sent as Meta does: batched `entry` arrays, non-ASCII escaped as lowercase
 * `\uXXXX` (and `/` as `\/`), `X-Hub-Signature-256: sha256=<HMAC-SHA256 of those bytes>`
 * computed here with node:crypto.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { sendTo, type WebhookTarget } from './zalo.fake.ts';

export interface GraphCall {
  userId: string;
  kind: 'message' | 'action';
  text?: string;
  quickReplies?: Array<{ content_type: string; title: string; payload: string }>;
  action?: string;
  messagingType?: string;
  at: number;
}

export type GraphFailure = { status: number } | { status: number; code: number; subcode?: number } | { delayMs: number };

export interface FakeGraph {
  url: string;
  calls: GraphCall[];
  /** Requests refused (bad token, bad parameter, scripted). */
  refused: number;
  messagesTo(userId: string): GraphCall[];
  markOutsideWindow(userId: string): void;
  script(...failures: GraphFailure[]): void;
  waitForMessages(count: number, userId?: string, timeoutMs?: number): Promise<GraphCall[]>;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const parts: Buffer[] = [];
  for await (const part of req) parts.push(part as Buffer);
  return Buffer.concat(parts).toString('utf8');
}

export async function startFakeGraph(options: { pageAccessToken: string; appSecret: string; version?: string }): Promise<FakeGraph> {
  const calls: GraphCall[] = [];
  const outside = new Set<string>();
  const failures: GraphFailure[] = [];
  let refused = 0;
  const proof = createHmac('sha256', options.appSecret).update(options.pageAccessToken).digest('hex');

  const error = (res: ServerResponse, status: number, code: number, message: string, subcode?: number) => {
    refused++;
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: { message, type: 'OAuthException', code, ...(subcode ? { error_subcode: subcode } : {}), fbtrace_id: randomBytes(8).toString('hex') } }));
  };

  async function send(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const raw = await readBody(req);
    const failure = failures.shift();
    if (failure && 'delayMs' in failure) await new Promise((r) => setTimeout(r, failure.delayMs));
    else if (failure && 'code' in failure) return error(res, failure.status, failure.code, 'Scripted failure', failure.subcode);
    else if (failure) {
      refused++;
      res.writeHead(failure.status, { 'content-type': 'text/plain' });
      res.end('Service temporarily unavailable');
      return;
    }
    if (url.searchParams.get('access_token') !== options.pageAccessToken) return error(res, 400, 190, 'Invalid OAuth access token - Cannot parse access token');
    const givenProof = url.searchParams.get('appsecret_proof');
    if (givenProof !== null && givenProof !== proof) return error(res, 400, 100, 'Invalid appsecret_proof provided in the API argument');
    let body: { recipient?: { id?: unknown }; messaging_type?: unknown; message?: { text?: unknown; quick_replies?: unknown }; sender_action?: unknown };
    try {
      body = JSON.parse(raw) as typeof body;
    } catch {
      return error(res, 400, 100, 'Invalid JSON');
    }
    const userId = body.recipient?.id;
    if (typeof userId !== 'string') return error(res, 400, 100, '(#100) The parameter recipient is required');
    if (body.message !== undefined && body.sender_action !== undefined) return error(res, 400, 100, '(#100) Only one of message or sender_action may be set');
    if (outside.has(userId)) return error(res, 400, 10, '(#10) This message is sent outside of allowed window.', 2018278);
    if (body.sender_action !== undefined) {
      if (!['typing_on', 'typing_off', 'mark_seen'].includes(String(body.sender_action))) return error(res, 400, 100, '(#100) Invalid sender_action');
      calls.push({ userId, kind: 'action', action: String(body.sender_action), at: Date.now() });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ recipient_id: userId }));
      return;
    }
    const text = body.message?.text;
    if (typeof text !== 'string' || !text) return error(res, 400, 100, '(#100) The parameter message[text] is required');
    if (text.length > 2000) return error(res, 400, 100, '(#100) Length of param message[text] must be less than or equal to 2000');
    if (!['RESPONSE', 'UPDATE', 'MESSAGE_TAG'].includes(String(body.messaging_type))) return error(res, 400, 100, '(#100) messaging_type is required');
    const quick = body.message?.quick_replies as GraphCall['quickReplies'] | undefined;
    if (quick !== undefined && (!Array.isArray(quick) || quick.length > 13 || quick.some((q) => q.content_type !== 'text' || !q.title || q.title.length > 20 || !q.payload || q.payload.length > 1000))) {
      return error(res, 400, 100, '(#100) Invalid quick_replies');
    }
    calls.push({ userId, kind: 'message', text, quickReplies: quick, messagingType: String(body.messaging_type), at: Date.now() });
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ recipient_id: userId, message_id: `m_${randomBytes(16).toString('hex')}` }));
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const match = /^\/(v\d+\.\d+)\/me\/messages$/.exec(url.pathname);
    if (req.method !== 'POST' || !match || (options.version && match[1] !== options.version)) return error(res, 404, 803, 'Unknown path components');
    send(req, res, url).catch((e: unknown) => error(res, 500, 1, String(e)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  const messagesTo = (userId: string) => calls.filter((c) => c.userId === userId && c.kind === 'message');

  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    get refused() {
      return refused;
    },
    messagesTo,
    markOutsideWindow: (userId) => void outside.add(userId),
    script: (...next) => void failures.push(...next),
    async waitForMessages(count, userId, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      const mine = () => calls.filter((c) => c.kind === 'message' && (userId === undefined || c.userId === userId));
      while (mine().length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} Messenger messages${userId ? ` to ${userId}` : ''}, got ${mine().length}`);
        await new Promise((r) => setTimeout(r, 20));
      }
      return mine();
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** JSON as Meta serialises a delivery: non-ASCII as lowercase \uXXXX, "/" as "\/". */
function metaJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/[\u007f-\uffff]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(/\//g, '\\/');
}

export interface MessengerText {
  psid: string;
  pageId: string;
  mid: string;
  text: string;
  timestamp?: number;
  quickReplyPayload?: string;
}

export function messengerText(m: MessengerText) {
  return {
    sender: { id: m.psid },
    recipient: { id: m.pageId },
    timestamp: m.timestamp ?? Date.now(),
    message: { mid: m.mid, text: m.text, ...(m.quickReplyPayload ? { quick_reply: { payload: m.quickReplyPayload } } : {}) },
  };
}

/** A delivery of entries, each with its messaging items. */
export function messengerDelivery(entries: Array<{ pageId: string; messaging: unknown[]; time?: number }>): string {
  return metaJson({ object: 'page', entry: entries.map((e) => ({ id: e.pageId, time: e.time ?? Date.now(), messaging: e.messaging })) });
}

export function metaSignature(raw: string, appSecret: string): string {
  return `sha256=${createHmac('sha256', appSecret).update(raw, 'utf8').digest('hex')}`;
}

export function postMessengerDelivery(target: WebhookTarget, raw: string, appSecret: string, signature?: string | null): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': 'facebookexternalua' };
  const sig = signature === undefined ? metaSignature(raw, appSecret) : signature;
  if (sig !== null) headers['x-hub-signature-256'] = sig;
  return sendTo(target, '/webhooks/facebook', { method: 'POST', headers, body: raw });
}
