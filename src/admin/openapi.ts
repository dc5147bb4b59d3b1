/**
 * @module
 * The staff endpoints in the OpenAPI document: every `/api/admin` route with its request
 * schema (generated from the same zod schemas that validate it) and the permission it
 * needs, and every `/admin` page. All of them answer 401 without credentials, 403 for a
 * missing CSRF token (cookie sessions) or a role without the permission.
 */
import { z } from 'zod';
import { createAccountSchema, createTokenSchema, updateAccountSchema } from './accounts/schemas.ts';
import { createFaqSchema, importSchema, transitionSchema, updateFaqSchema } from './faq/schemas.ts';
import { citizenRequestSchema } from './personal-data/schemas.ts';
import { answerSchema, resolveSchema, splitSchema } from './queue/schemas.ts';
import { settingsSchema } from './settings/registry.ts';

const json = (schema: z.ZodType) => z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' });
const error = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });
const guarded = { '401': error('unauthorized: no valid session or API token'), '403': error('forbidden: the role lacks the permission, or a cookie session sent no valid X-CSRF-Token') };
const security = [{ staffToken: [] }, { staffSession: [] }];

type Method = 'get' | 'post';
interface Route {
  method: Method;
  path: string;
  summary: string;
  permission: string;
  body?: string;
  ok?: string;
  html?: boolean;
}

const API: Route[] = [
  { method: 'get', path: '/api/admin/me', summary: 'Who is signed in, and the CSRF token of the session', permission: 'read' },
  { method: 'get', path: '/api/admin/faq', summary: 'FAQ entries (?status=draft|in_review|published|archived|due, ?q= words of any phrasing with or without tone marks, ?agency=)', permission: 'read' },
  { method: 'post', path: '/api/admin/faq', summary: 'Create a draft (its source is checked against the corpus)', permission: 'faq:write', body: 'FaqCreate', ok: '201' },
  { method: 'get', path: '/api/admin/faq/export', summary: 'The published FAQ as corpus/faq YAML (text/yaml)', permission: 'read' },
  { method: 'post', path: '/api/admin/faq/import', summary: 'Publish entries from YAML (JSON {file, yaml} or text/yaml); rejected whole with every problem and its line', permission: 'faq:import', body: 'FaqImport' },
  { method: 'get', path: '/api/admin/faq/{id}', summary: 'An entry (working and published versions) and its history', permission: 'read' },
  { method: 'post', path: '/api/admin/faq/{id}', summary: 'Save a new version of an entry (409 when `version` is not the latest)', permission: 'faq:write', body: 'FaqUpdate' },
  { method: 'post', path: '/api/admin/faq/{id}/transition', summary: 'submit (faq:write), publish / return / archive (faq:review; never by the version’s author or submitter), restore (faq:write)', permission: 'per action', body: 'FaqTransition' },
  { method: 'get', path: '/api/admin/queue', summary: 'Review-queue groups (?status=open|answered|out_of_scope|dismissed|all, ?reason=, ?q=)', permission: 'read' },
  { method: 'get', path: '/api/admin/queue/{id}', summary: 'A group: its questions, the bot’s answers, staff answers sent', permission: 'read' },
  { method: 'post', path: '/api/admin/queue/{id}/answer', summary: 'Answer every citizen of the group in their conversation (method "staff")', permission: 'queue:answer', body: 'QueueAnswer' },
  { method: 'post', path: '/api/admin/queue/{id}/draft', summary: 'Turn the group into an FAQ draft', permission: 'faq:write', body: 'FaqCreate', ok: '201' },
  { method: 'post', path: '/api/admin/queue/{id}/resolve', summary: 'Mark out of scope, dismiss, or open again', permission: 'queue:answer', body: 'QueueResolve' },
  { method: 'post', path: '/api/admin/queue/{id}/split', summary: 'Move one question into a group of its own', permission: 'queue:answer', body: 'QueueSplit' },
  { method: 'get', path: '/api/admin/accounts', summary: 'Staff accounts', permission: 'accounts' },
  { method: 'post', path: '/api/admin/accounts', summary: 'Add an account', permission: 'accounts', body: 'AccountCreate', ok: '201' },
  { method: 'post', path: '/api/admin/accounts/{username}', summary: 'Change role, lock or password (ends the account’s sessions)', permission: 'accounts', body: 'AccountUpdate', ok: '204' },
  { method: 'get', path: '/api/admin/tokens', summary: 'API tokens (never the tokens themselves)', permission: 'accounts' },
  { method: 'post', path: '/api/admin/tokens', summary: 'Create an API token for an account; the token is in this response only', permission: 'accounts', body: 'TokenCreate', ok: '201' },
  { method: 'post', path: '/api/admin/tokens/{id}/revoke', summary: 'Revoke an API token', permission: 'accounts', ok: '204' },
  { method: 'get', path: '/api/admin/settings', summary: 'Workspace settings', permission: 'settings' },
  { method: 'post', path: '/api/admin/settings', summary: 'Change workspace settings', permission: 'settings', body: 'Settings' },
  { method: 'get', path: '/api/admin/audit', summary: 'The audit log, newest first (?action=faq|faq.publish…, ?actor=, ?target=, ?before=<id>, ?limit=)', permission: 'audit' },
  { method: 'get', path: '/api/admin/stats', summary: 'Every figure of a period (?from=&to= local days in Asia/Ho_Chi_Minh, default the last 30; ?channel=web|zalo|messenger|all) and the plan’s criteria', permission: 'read' },
  { method: 'post', path: '/api/admin/citizens/export', summary: 'Everything stored about one citizen (by conversationId, or channel and userId); audited', permission: 'personal-data', body: 'CitizenRequest' },
  { method: 'post', path: '/api/admin/citizens/erase', summary: 'Erase everything stored about one citizen; audited with counts → {reference, removed}', permission: 'personal-data', body: 'CitizenRequest' },
];

const PAGES: Route[] = ([
  { method: 'get', path: '/admin/login', summary: 'The login form (no credentials needed)', permission: 'none' },
  { method: 'post', path: '/admin/login', summary: 'Log in (form; rate-limited per account and address); 303 to the page asked for', permission: 'none' },
  { method: 'post', path: '/admin/logout', summary: 'Log out: ends every session of the account', permission: 'read' },
  { method: 'get', path: '/admin/password', summary: 'Change one’s own password', permission: 'read' },
  { method: 'post', path: '/admin/password', summary: 'Change one’s own password (form)', permission: 'read' },
  { method: 'get', path: '/admin', summary: 'Dashboard: what needs doing', permission: 'read' },
  { method: 'get', path: '/admin/faq', summary: 'FAQ list with search and filters', permission: 'read' },
  { method: 'post', path: '/admin/faq', summary: 'Create a draft (form)', permission: 'faq:write' },
  { method: 'get', path: '/admin/faq/new', summary: 'New entry form', permission: 'faq:write' },
  { method: 'get', path: '/admin/faq/export', summary: 'Download the published FAQ (YAML)', permission: 'read' },
  { method: 'get', path: '/admin/faq/import', summary: 'Import form', permission: 'faq:import' },
  { method: 'post', path: '/admin/faq/import', summary: 'Import YAML (form, file or pasted)', permission: 'faq:import' },
  { method: 'get', path: '/admin/faq/{id}', summary: 'An entry: what citizens get, its form, actions and history', permission: 'read' },
  { method: 'post', path: '/admin/faq/{id}', summary: 'Save a new version (form)', permission: 'faq:write' },
  { method: 'post', path: '/admin/faq/{id}/transition', summary: 'Lifecycle action (form)', permission: 'per action' },
  { method: 'get', path: '/admin/queue', summary: 'Review queue with search and filters', permission: 'read' },
  { method: 'get', path: '/admin/queue/{id}', summary: 'A group and its actions', permission: 'read' },
  { method: 'post', path: '/admin/queue/{id}/answer', summary: 'Answer the group (form)', permission: 'queue:answer' },
  { method: 'post', path: '/admin/queue/{id}/draft', summary: 'FAQ draft from the group (form)', permission: 'faq:write' },
  { method: 'post', path: '/admin/queue/{id}/resolve', summary: 'Out of scope, dismiss, open again (form)', permission: 'queue:answer' },
  { method: 'post', path: '/admin/queue/{id}/split', summary: 'Move a question out of the group (form)', permission: 'queue:answer' },
  { method: 'get', path: '/admin/accounts', summary: 'Accounts and API tokens', permission: 'accounts' },
  { method: 'post', path: '/admin/accounts', summary: 'Add an account (form)', permission: 'accounts' },
  { method: 'post', path: '/admin/accounts/{username}', summary: 'Change an account (form)', permission: 'accounts' },
  { method: 'post', path: '/admin/tokens', summary: 'Create an API token (form; shown once)', permission: 'accounts' },
  { method: 'post', path: '/admin/tokens/{id}/revoke', summary: 'Revoke an API token (form)', permission: 'accounts' },
  { method: 'get', path: '/admin/settings', summary: 'Settings', permission: 'settings' },
  { method: 'post', path: '/admin/settings', summary: 'Change settings (form)', permission: 'settings' },
  { method: 'get', path: '/admin/audit', summary: 'The audit log with filters', permission: 'audit' },
  { method: 'get', path: '/admin/stats', summary: 'Statistics of a period and channel, with charts (?from=&to=&channel=)', permission: 'read' },
  { method: 'get', path: '/admin/report', summary: 'The half-year report, printable (?from=&to=, default the reporting period of today)', permission: 'read' },
  { method: 'get', path: '/admin/report.csv', summary: 'Every figure of the report as CSV (UTF-8 with BOM)', permission: 'read' },
  { method: 'get', path: '/admin/citizens', summary: 'A citizen’s request (find, export, erase) and the retention purge', permission: 'personal-data' },
  { method: 'post', path: '/admin/citizens', summary: 'Find what is stored about a citizen (form; counts only)', permission: 'personal-data' },
  { method: 'post', path: '/admin/citizens/export', summary: 'Download everything stored about a citizen (form; JSON attachment; audited)', permission: 'personal-data' },
  { method: 'post', path: '/admin/citizens/erase', summary: 'Erase everything stored about a citizen (form, with confirmation; audited)', permission: 'personal-data' },
] satisfies Route[]).map((r) => ({ ...r, html: true }));

/** Every staff route and the permission it needs ('none': the login form; 'per action': the lifecycle, checked per action). */
export const STAFF_ROUTES: readonly Route[] = [...API, ...PAGES];

function operation(r: Route) {
  const params = [...r.path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
  const open = r.permission === 'none';
  return {
    summary: `${r.summary}${open ? '' : ` [${r.permission}]`}`,
    tags: ['staff'],
    ...(open ? {} : { security }),
    ...(params.length ? { parameters: params } : {}),
    ...(r.body ? { requestBody: { required: true, content: { 'application/json': { schema: { $ref: `#/components/schemas/${r.body}` } } } } } : {}),
    responses: {
      [r.ok ?? (r.html && r.method === 'post' ? '303' : '200')]: { description: r.html ? 'text/html (a form post redirects with 303 when done)' : 'application/json' },
      '400': error('invalid_request'),
      ...(open ? {} : guarded),
      '404': error('not_found'),
      '409': error('conflict: changed meanwhile, or not allowed in its state'),
      '503': error('not_ready'),
    },
  };
}

export function staffPaths(): Record<string, Partial<Record<Method, ReturnType<typeof operation>>>> {
  const paths: Record<string, Partial<Record<Method, ReturnType<typeof operation>>>> = {};
  for (const r of STAFF_ROUTES) (paths[r.path] ??= {})[r.method] = operation(r);
  return paths;
}

export function staffSchemas() {
  return {
    FaqCreate: json(createFaqSchema),
    FaqUpdate: json(updateFaqSchema),
    FaqTransition: json(transitionSchema),
    FaqImport: json(importSchema),
    QueueAnswer: json(answerSchema),
    QueueResolve: json(resolveSchema),
    QueueSplit: json(splitSchema),
    AccountCreate: json(createAccountSchema),
    AccountUpdate: json(updateAccountSchema),
    TokenCreate: json(createTokenSchema),
    Settings: json(settingsSchema),
    CitizenRequest: json(citizenRequestSchema),
  };
}

export const staffSecuritySchemes = {
  staffToken: { type: 'http', scheme: 'bearer', description: 'An API token (nq57_…) created by an admin at /admin/accounts' },
  staffSession: { type: 'apiKey', in: 'cookie', name: 'nq57_staff', description: 'The session of /admin/login (__Host-nq57_staff over https); state-changing requests also send X-CSRF-Token' },
};
