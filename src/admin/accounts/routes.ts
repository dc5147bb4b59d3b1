/**
 * @module
 * Accounts and API tokens over JSON (`/api/admin/accounts…`, `/api/admin/tokens…`): admins only.
 */
import type { Hono } from 'hono';
import { jsonBody, limitForm } from '../http.ts';
import type { Workspace } from '../workspace.ts';
import { createAccountSchema, createTokenSchema, updateAccountSchema } from './schemas.ts';

export function registerAccountsApi(app: Hono, w: Workspace): void {
  app.get('/api/admin/accounts', w.staff('accounts'), async (c) => c.json({ accounts: (await w.accounts.list()).map(({ id: _id, sessionVersion: _v, ...u }) => u) }));
  app.post('/api/admin/accounts', limitForm, w.staff('accounts'), async (c) => {
    const input = await jsonBody(c, createAccountSchema);
    await w.accounts.create(c.get('staff'), input);
    return c.json({ username: input.username, role: input.role, disabled: false }, 201);
  });
  app.post('/api/admin/accounts/:username', limitForm, w.staff('accounts'), async (c) => {
    await w.accounts.update(c.get('staff'), c.req.param('username'), await jsonBody(c, updateAccountSchema));
    return c.body(null, 204);
  });
  app.get('/api/admin/tokens', w.staff('accounts'), async (c) => c.json({ tokens: await w.accounts.tokens() }));
  app.post('/api/admin/tokens', limitForm, w.staff('accounts'), async (c) => {
    const input = await jsonBody(c, createTokenSchema);
    return c.json(await w.accounts.createToken(c.get('staff'), input.username, input.name), 201);
  });
  app.post('/api/admin/tokens/:id/revoke', limitForm, w.staff('accounts'), async (c) => {
    await w.accounts.revokeToken(c.get('staff'), c.req.param('id'));
    return c.body(null, 204);
  });
}
