/**
 * @module
 * Figures as Vietnamese readers write them: "1.234" for counts, "85,3%" for shares, dates
 * as dd/mm/yyyy. The CSV keeps plain numbers (csv.ts); only pages use these.
 */
import type { Unit } from './criteria.ts';
import type { Channel, Method, Outcome, Scope } from './figures.ts';

const counts = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 });
const decimals = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 });

export const CHANNEL_LABELS: Record<Scope, string> = { web: 'Trang web', zalo: 'Zalo', messenger: 'Messenger', all: 'Tất cả các kênh' };
export const OUTCOME_LABELS: Record<Outcome, string> = {
  answered: 'Được trả lời',
  no_answer: 'Tài liệu chưa có câu trả lời',
  out_of_scope: 'Ngoài phạm vi',
  refused: 'Từ chối (nội dung không phù hợp)',
};
export const METHOD_LABELS: Record<Method | 'staff', string> = {
  faq: 'Câu hỏi thường gặp (FAQ)',
  extractive: 'Trích từ văn bản',
  llm: 'Mô hình ngôn ngữ viết từ văn bản',
  none: 'Không trả lời (chuyển cán bộ, từ chối)',
  staff: 'Cán bộ trả lời sau',
};
export const SHORT_CHANNEL: Record<Channel, string> = { web: 'Web', zalo: 'Zalo', messenger: 'Messenger' };

export function formatCount(n: number): string {
  return counts.format(n);
}

export function formatPercent(value: number | null): string {
  return value === null ? '—' : `${decimals.format(value)}%`;
}

export function formatMs(ms: number | null): string {
  if (ms === null) return '—';
  if (ms < 10) return `${decimals.format(ms)} ms`;
  return ms < 1000 ? `${counts.format(Math.round(ms))} ms` : `${decimals.format(ms / 1000)} giây`;
}

export function formatHours(hours: number | null): string {
  if (hours === null) return '—';
  return hours < 48 ? `${decimals.format(hours)} giờ` : `${decimals.format(hours / 24)} ngày`;
}

export function formatMeasure(value: number | null, unit: Unit): string {
  if (unit === 'percent') return formatPercent(value);
  if (unit === 'ms') return formatMs(value);
  if (unit === 'hours') return formatHours(value);
  return value === null ? '—' : formatCount(value);
}

/** "2026-06-10" → "10/06". */
export function shortDay(day: string): string {
  return `${day.slice(8, 10)}/${day.slice(5, 7)}`;
}
