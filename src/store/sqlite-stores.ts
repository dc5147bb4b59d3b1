/**
 * @module
 * Every concern's SQLite store over one database file: conversations (the citizens' side),
 * the staff workspace, and the chat platforms' webhook events and tokens. Closing the
 * conversation store closes the database.
 */
import { createSqliteAuditStore } from './audit/sqlite.ts';
import { createSqliteTokenStore } from './channel-tokens/sqlite.ts';
import type { ChannelStores } from './channels.ts';
import { createSqliteFaqStore } from './faq/sqlite.ts';
import { createSqliteOutboxStore } from './outbox/sqlite.ts';
import { createSqlitePersonalDataStore } from './personal-data/sqlite.ts';
import { createSqliteReportStore } from './reports/sqlite.ts';
import { createSqliteReviewStore } from './review/sqlite.ts';
import { createConversationStore, type SqliteStore } from './sqlite.ts';
import { openSqliteDatabase, type SqliteStoreOptions } from './sqlite-database.ts';
import { createSqliteStaffStore } from './staff/sqlite.ts';
import { createSqliteWebhookEventStore } from './webhook-events/sqlite.ts';
import type { WorkspaceStores } from './workspace.ts';

export interface SqliteStores {
  conversations: SqliteStore;
  workspace: WorkspaceStores;
  channels: ChannelStores;
}

export function openSqliteStores(file: string, options: SqliteStoreOptions = {}): SqliteStores {
  const database = openSqliteDatabase(file, options);
  return {
    conversations: createConversationStore(database, options),
    workspace: {
      faq: createSqliteFaqStore(database),
      staff: createSqliteStaffStore(database),
      audit: createSqliteAuditStore(database),
      review: createSqliteReviewStore(database),
      outbox: createSqliteOutboxStore(database),
      reports: createSqliteReportStore(database),
      personalData: createSqlitePersonalDataStore(database),
    },
    channels: { events: createSqliteWebhookEventStore(database), tokens: createSqliteTokenStore(database) },
  };
}
