/**
 * @module
 * The stores of the staff workspace, one interface per concern, beside the conversation
 * store (`Store` in types.ts). SQLite on Node (sqlite-stores.ts), D1 on Workers (d1/stores.ts).
 */
import type { AuditStore } from './audit/types.ts';
import type { FaqStore } from './faq/types.ts';
import type { OutboxStore } from './outbox/types.ts';
import type { PersonalDataStore } from './personal-data/types.ts';
import type { ReportStore } from './reports/types.ts';
import type { ReviewQueueStore } from './review/types.ts';
import type { StaffStore } from './staff/types.ts';

export interface WorkspaceStores {
  faq: FaqStore;
  staff: StaffStore;
  audit: AuditStore;
  review: ReviewQueueStore;
  outbox: OutboxStore;
  /** Counts for the statistics and the half-year report (absent where not built yet: the pages answer 503). */
  reports?: ReportStore;
  /** Citizens' requests (export, erasure) and the retention purge (absent where not built yet). */
  personalData?: PersonalDataStore;
}
