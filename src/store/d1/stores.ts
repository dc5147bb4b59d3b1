/**
 * @module
 * Every concern's D1 store over one database (the Worker's `DB` binding): the same tables and
 * migrations as SQLite on Node (`npm run build:worker` writes them for `wrangler d1 migrations apply`).
 */
import type { ChannelStores } from '../channels.ts';
import type { Store } from '../types.ts';
import type { WorkspaceStores } from '../workspace.ts';
import { createD1AuditStore } from './audit.ts';
import { createD1ChannelStores } from './channels.ts';
import { createD1ConversationStore } from './conversations.ts';
import type { D1Database } from './database.ts';
import { createD1FaqStore } from './faq.ts';
import { createD1OutboxStore } from './outbox.ts';
import { createD1PersonalDataStore } from './personal-data.ts';
import { createD1ReportStore } from './reports.ts';
import { createD1ReviewStore } from './review.ts';
import { createD1StaffStore } from './staff.ts';

export type { D1Database } from './database.ts';

export interface D1Stores {
  conversations: Store;
  workspace: WorkspaceStores;
  channels: ChannelStores;
}

export function openD1Stores(db: D1Database): D1Stores {
  return {
    conversations: createD1ConversationStore(db),
    workspace: {
      faq: createD1FaqStore(db),
      staff: createD1StaffStore(db),
      audit: createD1AuditStore(db),
      review: createD1ReviewStore(db),
      outbox: createD1OutboxStore(db),
      reports: createD1ReportStore(db),
      personalData: createD1PersonalDataStore(db),
    },
    channels: createD1ChannelStores(db),
  };
}
