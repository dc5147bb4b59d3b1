/**
 * @module
 * Mounts the staff workspace on the app: the pages under `/admin` and the JSON API under
 * `/api/admin`. Every route except the login form passes `requireStaff` first; none is
 * ever given CORS headers.
 */
import type { Hono } from 'hono';
import { registerAccountsApi } from './accounts/routes.ts';
import { registerAccountsPages } from './accounts/pages.tsx';
import { registerAuditRoutes } from './audit/routes.tsx';
import { registerAuthRoutes } from './auth/routes.tsx';
import { registerDashboard } from './dashboard.tsx';
import { registerFaqApi } from './faq/routes.ts';
import { registerFaqPages } from './faq/pages.tsx';
import { registerPersonalDataRoutes } from './personal-data/pages.tsx';
import { registerQueueApi } from './queue/routes.ts';
import { registerQueuePages } from './queue/pages.tsx';
import { registerReports } from './reports/pages.tsx';
import { registerSettingsRoutes } from './settings/routes.tsx';
import { pageErrors } from './ui/errors.tsx';
import type { Workspace } from './workspace.ts';

export function registerStaffWorkspace(app: Hono, w: Workspace, options: { province?: string } = {}): void {
  app.use('/admin/*', pageErrors(w.auth.session));
  registerAuthRoutes(app, w);
  registerDashboard(app, w);
  registerFaqApi(app, w);
  registerFaqPages(app, w);
  registerQueueApi(app, w);
  registerQueuePages(app, w);
  registerAccountsApi(app, w);
  registerAccountsPages(app, w);
  registerSettingsRoutes(app, w);
  registerAuditRoutes(app, w);
  registerReports(app, w, { province: options.province ?? 'Điện Biên' });
  registerPersonalDataRoutes(app, w);
}
