/**
 * @module
 * What each role may do. `admin` runs accounts and settings (and can do everything else),
 * `editor` writes FAQ entries and answers the queue, `reviewer` approves and publishes,
 * `viewer` reads. Whoever approves, never the author of the version: four eyes (lifecycle.ts).
 */
import type { Role } from '../../store/staff/types.ts';

export type Permission =
  /** See the FAQ, the queue and the dashboard. */
  | 'read'
  /** Create and edit FAQ drafts, submit them for review, restore archived entries. */
  | 'faq:write'
  /** Approve (publish), return or archive entries. */
  | 'faq:review'
  /** Answer queue groups, make drafts from them, mark them out of scope or dismiss them. */
  | 'queue:answer'
  /** Replace the published FAQ from YAML (it went through review in version control). */
  | 'faq:import'
  | 'accounts'
  | 'settings'
  | 'audit'
  /** Export or erase a citizen's data at their request. */
  | 'personal-data';

const GRANTS: Record<Role, readonly Permission[]> = {
  viewer: ['read'],
  editor: ['read', 'faq:write', 'queue:answer'],
  reviewer: ['read', 'faq:review'],
  admin: ['read', 'faq:write', 'faq:review', 'queue:answer', 'faq:import', 'accounts', 'settings', 'audit', 'personal-data'],
};

export function can(role: Role, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Quản trị',
  editor: 'Biên tập',
  reviewer: 'Duyệt',
  viewer: 'Xem',
};
