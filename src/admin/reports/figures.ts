/**
 * @module
 * Every figure of the statistics and the half-year report, computed from the report
 * store's counts for a period: per channel (and all together), per local day, by topic (the
 * document section an answer cites first), and the review queue's groups. Percentiles are
 * nearest-rank: the value at rank ⌈p·n⌉ of the n latencies in ascending order.
 */
import { SECTION_SEPARATOR } from '../../ingest/types.ts';
import type { GroupStatus } from '../../store/review/types.ts';
import type { DailyExchangeRow, ReportStore } from '../../store/reports/types.ts';
import { eachDay, periodDays, periodRange, PROVINCE_TIME_ZONE, type Period } from './period.ts';

export const CHANNELS = ['web', 'zalo', 'messenger'] as const;
export type Channel = (typeof CHANNELS)[number];
export type Scope = Channel | 'all';
export const SCOPES: readonly Scope[] = [...CHANNELS, 'all'];
export const OUTCOMES = ['answered', 'no_answer', 'out_of_scope', 'refused'] as const;
export type Outcome = (typeof OUTCOMES)[number];
/** How exchanges were answered (`none`: declined or refused); staff answers are counted apart, from the outbox. */
export const METHODS = ['faq', 'extractive', 'llm', 'none'] as const;
export type Method = (typeof METHODS)[number];
const STATUSES: readonly GroupStatus[] = ['open', 'answered', 'out_of_scope', 'dismissed'];

export interface ChannelFigures {
  /** Conversations with at least one question in the period, and of those, started in it. */
  conversations: number;
  startedConversations: number;
  questions: number;
  outcomes: Record<Outcome, number>;
  methods: Record<Method, number>;
  /** Staff answers added to citizens' conversations in the period. */
  staffAnswers: number;
  ratedUp: number;
  ratedDown: number;
  latencyMedianMs: number | null;
  latencyP95Ms: number | null;
  /** Questions of the period that staff answered, and the median wait (hours) until they did. */
  staffAnsweredQuestions: number;
  staffDelayMedianHours: number | null;
}

export interface DayFigures {
  day: string;
  questions: Record<Channel, number>;
  /** In the scope asked for. */
  total: number;
  answered: number;
}

export interface TopicFigure {
  documentId: string;
  document: string;
  /** The top-level heading of the section cited (null: the document as a whole). */
  section: string | null;
  answers: number;
}

export interface DocumentFigure {
  documentId: string;
  document: string;
  answers: number;
}

export interface GroupFigure {
  id: string;
  question: string;
  status: GroupStatus;
  questions: number;
}

export interface ReportFigures {
  period: Period;
  days: number;
  timeZone: string;
  generatedAt: string;
  /** The channel the per-day, topic and queue figures are limited to. */
  scope: Scope;
  channels: Record<Scope, ChannelFigures>;
  daily: DayFigures[];
  topics: TopicFigure[];
  documents: { inCorpus: number; cited: DocumentFigure[] };
  queue: { questions: number; byStatus: Record<GroupStatus, number>; groups: GroupFigure[] };
}

export interface FigureOptions {
  scope?: Scope;
  documents: ReadonlyMap<string, { title: string; shortTitle?: string }>;
  now: Date;
  /** How many topics and queue groups to list. */
  top?: number;
}

const zeros = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
const inScope = (scope: Scope, channel: string) => scope === 'all' || scope === channel;

function emptyChannel(): ChannelFigures {
  return {
    conversations: 0,
    startedConversations: 0,
    questions: 0,
    outcomes: zeros(OUTCOMES),
    methods: zeros(METHODS),
    staffAnswers: 0,
    ratedUp: 0,
    ratedDown: 0,
    latencyMedianMs: null,
    latencyP95Ms: null,
    staffAnsweredQuestions: 0,
    staffDelayMedianHours: null,
  };
}

/** The 1-based rank of the `pct`-th percentile among n values, ⌈pct·n/100⌉ in integers (no rounding error); 0 when n is 0. */
function percentileRank(pct: number, n: number): number {
  return n === 0 ? 0 : Math.max(1, Math.floor((pct * n + 99) / 100));
}

/** The nearest-rank percentile of sorted values. */
function nearestRank(sorted: readonly number[], pct: number): number | null {
  return sorted.length === 0 ? null : (sorted[percentileRank(pct, sorted.length) - 1] ?? null);
}

function addExchanges(target: ChannelFigures, row: DailyExchangeRow): void {
  target.questions += row.questions;
  if ((OUTCOMES as readonly string[]).includes(row.outcome)) target.outcomes[row.outcome as Outcome] += row.questions;
  if ((METHODS as readonly string[]).includes(row.method)) target.methods[row.method as Method] += row.questions;
  target.ratedUp += row.up;
  target.ratedDown += row.down;
}

const documentName = (options: FigureOptions, id: string) => {
  const meta = options.documents.get(id);
  return meta?.shortTitle ?? meta?.title ?? id;
};

export async function computeFigures(store: ReportStore, period: Period, options: FigureOptions): Promise<ReportFigures> {
  const scope = options.scope ?? 'all';
  const top = options.top ?? 10;
  const range = periodRange(period);
  const channels = Object.fromEntries(SCOPES.map((s) => [s, emptyChannel()])) as Record<Scope, ChannelFigures>;
  const byChannel = (channel: string) => (CHANNELS as readonly string[]).includes(channel) ? [channels[channel as Channel], channels.all] : [channels.all];
  const days = new Map(eachDay(period).map((day): [string, DayFigures] => [day, { day, questions: zeros(CHANNELS), total: 0, answered: 0 }]));

  for (const row of await store.exchangesByDay(range)) {
    for (const target of byChannel(row.channel)) addExchanges(target, row);
    const day = days.get(row.day);
    if (!day) continue;
    if ((CHANNELS as readonly string[]).includes(row.channel)) day.questions[row.channel as Channel] += row.questions;
    if (!inScope(scope, row.channel)) continue;
    day.total += row.questions;
    if (row.outcome === 'answered') day.answered += row.questions;
  }
  for (const row of await store.staffAnswersByDay(range)) for (const target of byChannel(row.channel)) target.staffAnswers += row.messages;
  for (const row of await store.conversations(range)) {
    for (const target of byChannel(row.channel)) {
      target.conversations += row.active;
      target.startedConversations += row.started;
    }
  }
  const delays = new Map<Scope, number[]>(SCOPES.map((s) => [s, []]));
  for (const row of await store.staffDelays(range)) {
    const hours = (Date.parse(row.answeredAt) - Date.parse(row.askedAt)) / 3_600_000;
    for (const s of SCOPES) if (inScope(s, row.channel)) delays.get(s)?.push(hours);
  }
  for (const s of SCOPES) {
    const figures = channels[s];
    const sorted = (delays.get(s) ?? []).sort((a, b) => a - b);
    figures.staffAnsweredQuestions = sorted.length;
    figures.staffDelayMedianHours = nearestRank(sorted, 50);
  }
  const wanted = SCOPES.flatMap((s) => [50, 95].map((pct) => ({ channel: s === 'all' ? null : s, rank: percentileRank(pct, channels[s].questions) })));
  const latencies = store.latencyAtRanks ? await store.latencyAtRanks(range, wanted) : await Promise.all(wanted.map((w) => store.latencyAtRank(range, w.channel, w.rank)));
  SCOPES.forEach((s, i) => {
    channels[s].latencyMedianMs = latencies[2 * i] ?? null;
    channels[s].latencyP95Ms = latencies[2 * i + 1] ?? null;
  });

  const topics = new Map<string, TopicFigure>();
  for (const row of await store.citedSections(range)) {
    if (!inScope(scope, row.channel) || !row.documentId) continue;
    const section = row.section ? (row.section.split(SECTION_SEPARATOR)[0] ?? null) : null;
    const key = `${row.documentId}\u0000${section ?? ''}`;
    const known = topics.get(key) ?? { documentId: row.documentId, document: documentName(options, row.documentId), section, answers: 0 };
    known.answers += row.answers;
    topics.set(key, known);
  }
  const cited = new Map<string, DocumentFigure>();
  for (const row of await store.citedDocuments(range)) {
    if (!inScope(scope, row.channel)) continue;
    const known = cited.get(row.documentId) ?? { documentId: row.documentId, document: documentName(options, row.documentId), answers: 0 };
    known.answers += row.answers;
    cited.set(row.documentId, known);
  }
  const groups = new Map<string, GroupFigure>();
  const byStatus = zeros(STATUSES);
  let queued = 0;
  for (const row of await store.queueGroups(range)) {
    if (!inScope(scope, row.channel)) continue;
    const known = groups.get(row.groupId) ?? { id: row.groupId, question: row.question, status: row.status as GroupStatus, questions: 0 };
    known.questions += row.questions;
    groups.set(row.groupId, known);
    if (row.status in byStatus) byStatus[row.status as GroupStatus] += row.questions;
    queued += row.questions;
  }

  const byCount = <T extends { answers?: number; questions?: number }>(a: T, b: T) => (b.answers ?? b.questions ?? 0) - (a.answers ?? a.questions ?? 0);
  return {
    period,
    days: periodDays(period),
    timeZone: PROVINCE_TIME_ZONE,
    generatedAt: options.now.toISOString(),
    scope,
    channels,
    daily: [...days.values()],
    topics: [...topics.values()].sort((a, b) => byCount(a, b) || a.document.localeCompare(b.document, 'vi') || (a.section ?? '').localeCompare(b.section ?? '', 'vi')).slice(0, top),
    documents: { inCorpus: options.documents.size, cited: [...cited.values()].sort((a, b) => byCount(a, b) || a.documentId.localeCompare(b.documentId)) },
    queue: { questions: queued, byStatus, groups: [...groups.values()].sort((a, b) => byCount(a, b) || a.id.localeCompare(b.id)).slice(0, top) },
  };
}

/** A share as a percentage with one decimal, or null when there is nothing to divide. */
export function percent(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((1000 * part) / whole) / 10 : null;
}
