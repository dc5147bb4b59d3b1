/**
 * @module
 * Periods and days as the province counts them: Asia/Ho_Chi_Minh, UTC+7 all year (Vietnam
 * has kept no daylight saving time since 1975, so a fixed offset is exact). A period is a
 * run of whole local days, both ends included; it is queried as the half-open range of
 * instants from the first day's local midnight to the local midnight after the last day.
 * The plan (mục V.10) wants a report before 10/6 and 10/12: the half-year periods run
 * 11/12 → 10/6 and 11/6 → 10/12, so that the two tile the year.
 */
import type { ReportRange } from '../../store/reports/types.ts';

export const PROVINCE_TIME_ZONE = 'Asia/Ho_Chi_Minh';
export const PROVINCE_OFFSET_MINUTES = 420;
/** The longest period a report covers: two years. */
const MAX_PERIOD_DAYS = 731;

const DAY_MS = 86_400_000;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Local days, both included ("YYYY-MM-DD"). */
export interface Period {
  from: string;
  to: string;
}

/** Midnight UTC of a calendar date, or null when the text is not a real date. */
function dayNumber(day: string): number | null {
  const m = DAY.exec(day);
  if (!m) return null;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return new Date(ms).toISOString().slice(0, 10) === day ? ms : null;
}

export function isDay(text: string): boolean {
  return dayNumber(text) !== null;
}

function toDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  const ms = dayNumber(day);
  if (ms === null) throw new Error(`not a date: ${day}`);
  return toDay(ms + days * DAY_MS);
}

/** The local day an instant falls on. */
export function localDay(instant: Date | string, offsetMinutes = PROVINCE_OFFSET_MINUTES): string {
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  return toDay(ms + offsetMinutes * 60_000);
}

/** The instant (ISO UTC) a local day begins. */
export function dayStart(day: string, offsetMinutes = PROVINCE_OFFSET_MINUTES): string {
  const ms = dayNumber(day);
  if (ms === null) throw new Error(`not a date: ${day}`);
  return new Date(ms - offsetMinutes * 60_000).toISOString();
}

export function periodRange(period: Period, offsetMinutes = PROVINCE_OFFSET_MINUTES): ReportRange {
  return { from: dayStart(period.from, offsetMinutes), to: dayStart(addDays(period.to, 1), offsetMinutes), offsetMinutes };
}

export function periodDays(period: Period): number {
  return Math.round(((dayNumber(period.to) ?? 0) - (dayNumber(period.from) ?? 0)) / DAY_MS) + 1;
}

export function eachDay(period: Period): string[] {
  const days: string[] = [];
  for (let day = period.from; day <= period.to; day = addDays(day, 1)) days.push(day);
  return days;
}

/** Why a period cannot be reported (in Vietnamese, for staff), or null when it can. */
export function periodProblem(period: Period): string | null {
  if (!isDay(period.from) || !isDay(period.to)) return 'Ngày không hợp lệ (dạng YYYY-MM-DD).';
  if (period.from > period.to) return 'Ngày bắt đầu phải trước hoặc bằng ngày kết thúc.';
  if (periodDays(period) > MAX_PERIOD_DAYS) return `Mỗi lần xem tối đa ${MAX_PERIOD_DAYS} ngày.`;
  return null;
}

export interface NamedPeriod extends Period {
  label: string;
}

/** The two reporting periods ending in a year: before 10/6 and before 10/12 (plan, mục V.10). */
export function halfYearPeriods(year: number): [NamedPeriod, NamedPeriod] {
  return [
    { label: `Kỳ báo cáo đến 10/6/${year}`, from: `${year - 1}-12-11`, to: `${year}-06-10` },
    { label: `Kỳ báo cáo đến 10/12/${year}`, from: `${year}-06-11`, to: `${year}-12-10` },
  ];
}

/** The reporting period a local day falls in. */
export function reportingPeriodOf(day: string): NamedPeriod {
  const year = Number(day.slice(0, 4));
  const [first, second] = halfYearPeriods(year);
  if (day <= first.to) return first;
  if (day <= second.to) return second;
  return halfYearPeriods(year + 1)[0];
}

/** The last `days` local days up to and including `today`. */
export function lastDays(today: string, days: number): Period {
  return { from: addDays(today, -(days - 1)), to: today };
}

/** "2026-06-10" → "10/06/2026", as staff write dates. */
export function formatDay(day: string): string {
  return `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;
}
