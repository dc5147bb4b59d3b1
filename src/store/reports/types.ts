/**
 * @module
 * What the service recorded, counted for a period: the rows the staff's statistics and the
 * half-year report are computed from (src/admin/reports). Every query takes a half-open
 * range of instants `[from, to)` (ISO, UTC, as stored) and the offset of the local day
 * (`+420 minutes` for Asia/Ho_Chi_Minh), so "a day" is the province's day, not UTC's.
 * Counts only: no question text leaves this store except the review queue's group titles.
 */
export interface ReportRange {
  /** First instant counted (ISO UTC). */
  from: string;
  /** First instant not counted (ISO UTC). */
  to: string;
  /** The local day's offset from UTC in minutes (420 for UTC+7). */
  offsetMinutes: number;
}

/** Exchanges of one local day, channel, outcome and method. */
export interface DailyExchangeRow {
  day: string;
  channel: string;
  outcome: string;
  method: string;
  questions: number;
  /** Of those, rated up / down by the citizen. */
  up: number;
  down: number;
}

export interface DailyStaffRow {
  day: string;
  channel: string;
  /** Staff answers added to citizens' conversations that day. */
  messages: number;
}

export interface ConversationRow {
  channel: string;
  /** Conversations with at least one question in the period. */
  active: number;
  /** Of those, started in the period. */
  started: number;
}

/** Answered questions by the source their answer cites first. */
export interface CitedSectionRow {
  channel: string;
  documentId: string;
  section: string | null;
  answers: number;
}

/** Answered questions citing a document (in any position). */
export interface CitedDocumentRow {
  channel: string;
  documentId: string;
  answers: number;
}

/** Questions of the period in a review-queue group. */
export interface QueueGroupRow {
  groupId: string;
  question: string;
  status: string;
  channel: string;
  questions: number;
}

/** A staff answer to a question of the period: how long the citizen waited for it. */
export interface StaffDelayRow {
  channel: string;
  askedAt: string;
  answeredAt: string;
}

export interface ReportStore {
  exchangesByDay(range: ReportRange): Promise<DailyExchangeRow[]>;
  staffAnswersByDay(range: ReportRange): Promise<DailyStaffRow[]>;
  conversations(range: ReportRange): Promise<ConversationRow[]>;
  citedSections(range: ReportRange): Promise<CitedSectionRow[]>;
  citedDocuments(range: ReportRange): Promise<CitedDocumentRow[]>;
  queueGroups(range: ReportRange): Promise<QueueGroupRow[]>;
  /** Each question of the period answered by staff, with when it was asked and first answered. */
  staffDelays(range: ReportRange): Promise<StaffDelayRow[]>;
  /**
   * The latency (ms) at 1-based rank `rank` in ascending order among the period's exchanges
   * (of one channel, or all when null): the nearest-rank percentile, without reading every row.
   */
  latencyAtRank(range: ReportRange, channel: string | null, rank: number): Promise<number | null>;
  /**
   * Many ranks at once, in the order asked (null where there is no such rank), where a store
   * can do it in one ordered pass (SQLite: one sort instead of one per rank and channel).
   */
  latencyAtRanks?(range: ReportRange, wanted: ReadonlyArray<{ channel: string | null; rank: number }>): Promise<Array<number | null>>;
}
