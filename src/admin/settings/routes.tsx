/**
 * @module
 * Workspace settings (admins): `GET/POST /api/admin/settings` and the settings page.
 */
import type { Context, Hono } from 'hono';
import { AppError } from '../../errors.ts';
import { formFields, jsonBody, limitForm, redirectAfterPost } from '../http.ts';
import { Csrf, Field, Flash, Problem } from '../ui/forms.tsx';
import { renderPage } from '../ui/page.tsx';
import type { Workspace } from '../workspace.ts';
import { parseSettings, SETTING_FIELDS, settingsSchema, type WorkspaceSettings } from './registry.ts';

async function settingsPage(c: Context, w: Workspace, problem?: { message: string; values: Record<string, string> }) {
  const staff = c.get('staff');
  const current: WorkspaceSettings = await w.settings.read();
  const value = (key: keyof WorkspaceSettings) => problem?.values[key] ?? String(current[key]);
  return renderPage(
    c,
    { title: 'Cài đặt', staff, section: '/admin/settings', status: problem ? 400 : 200 },
    <>
      <h1>Cài đặt</h1>
      <Flash code={c.req.query('done')} />
      <Problem message={problem?.message} />
      <p>Các cài đặt khác (cổng, thư mục dữ liệu, giới hạn…) nằm trong cấu hình máy chủ (.env).</p>
      <form method="post" action="/admin/settings">
        <Csrf token={staff.csrf} />
        <Field name="staffSignature" label={SETTING_FIELDS.staffSignature.label} hint={SETTING_FIELDS.staffSignature.help} value={value('staffSignature')} />
        <Field name="reviewDays" type="number" label={SETTING_FIELDS.reviewDays.label} hint={SETTING_FIELDS.reviewDays.help} value={value('reviewDays')} />
        <button type="submit">Lưu cài đặt</button>
      </form>
    </>,
  );
}

export function registerSettingsRoutes(app: Hono, w: Workspace): void {
  app.get('/api/admin/settings', w.staff('settings'), async (c) => c.json(await w.settings.read()));
  app.post('/api/admin/settings', limitForm, w.staff('settings'), async (c) => c.json(await w.settings.update(c.get('staff'), await jsonBody(c, settingsSchema))));
  app.get('/admin/settings', w.staff('settings'), (c) => settingsPage(c, w));
  app.post('/admin/settings', limitForm, w.staff('settings'), async (c) => {
    const fields = await formFields(c);
    try {
      await w.settings.update(c.get('staff'), parseSettings(fields));
    } catch (error) {
      if (error instanceof AppError && error.code === 'invalid_request') return settingsPage(c, w, { message: error.message, values: fields });
      throw error;
    }
    return redirectAfterPost(c, '/admin/settings', 'saved');
  });
}
