/**
 * @module
 * Every figure of a report as CSV, one figure a row (section, measure, channel, day or item,
 * value, unit), for spreadsheets: UTF-8 with a byte-order mark (without it Excel reads
 * Vietnamese as Windows-1258 mojibake), CRLF line ends and RFC 4180 quoting. Numbers are
 * plain (a dot before decimals); text that a spreadsheet would run as a formula (a group's
 * question starting with "=", "+", "-" or "@") is prefixed with an apostrophe (OWASP, CSV
 * injection).
 */
import { planCriteria, type Unit } from './criteria.ts';
import { CHANNELS, METHODS, OUTCOMES, percent, SCOPES, type ReportFigures } from './figures.ts';
import { CHANNEL_LABELS, METHOD_LABELS, OUTCOME_LABELS } from './format.ts';
import { STATUS_LABELS } from '../queue/schemas.ts';
import { formatDay } from './period.ts';

export const CSV_BOM = '\uFEFF';
const CSV_HEADER = ['Phần', 'Chỉ số', 'Kênh', 'Ngày hoặc mục', 'Giá trị', 'Đơn vị'];

type Cell = string | number | null;
const UNITS: Record<Unit, string> = { count: 'số lượng', percent: '%', ms: 'ms', hours: 'giờ' };

function cell(value: Cell): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(rows: readonly Cell[][]): string {
  return CSV_BOM + rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

/** The rows of a report, header first. */
function reportRows(f: ReportFigures): Cell[][] {
  const rows: Cell[][] = [CSV_HEADER];
  const add = (section: string, measure: string, channel: string, item: Cell, value: number | null, unit: Unit) => rows.push([section, measure, channel, item, value, UNITS[unit]]);
  rows.push(['Kỳ báo cáo', 'Từ ngày', '', formatDay(f.period.from), null, '']);
  rows.push(['Kỳ báo cáo', 'Đến ngày', '', formatDay(f.period.to), null, '']);
  rows.push(['Kỳ báo cáo', 'Múi giờ', '', `${f.timeZone} (UTC+7)`, null, '']);
  rows.push(['Kỳ báo cáo', 'Lập lúc (UTC)', '', f.generatedAt, null, '']);

  for (const scope of SCOPES) {
    const c = f.channels[scope];
    const label = CHANNEL_LABELS[scope];
    const section = 'Tổng hợp theo kênh';
    add(section, 'Cuộc trò chuyện có câu hỏi', label, null, c.conversations, 'count');
    add(section, 'Cuộc trò chuyện mới', label, null, c.startedConversations, 'count');
    add(section, 'Câu hỏi', label, null, c.questions, 'count');
    for (const o of OUTCOMES) {
      add(section, OUTCOME_LABELS[o], label, null, c.outcomes[o], 'count');
      add(section, `${OUTCOME_LABELS[o]} (tỉ lệ)`, label, null, percent(c.outcomes[o], c.questions), 'percent');
    }
    for (const m of METHODS) add(section, `Cách trả lời: ${METHOD_LABELS[m]}`, label, null, c.methods[m], 'count');
    add(section, `Cách trả lời: ${METHOD_LABELS.staff}`, label, null, c.staffAnswers, 'count');
    add(section, 'Đánh giá hữu ích', label, null, c.ratedUp, 'count');
    add(section, 'Đánh giá chưa hữu ích', label, null, c.ratedDown, 'count');
    add(section, 'Tỉ lệ câu trả lời được đánh giá', label, null, percent(c.ratedUp + c.ratedDown, c.questions), 'percent');
    add(section, 'Tỉ lệ đánh giá hữu ích', label, null, percent(c.ratedUp, c.ratedUp + c.ratedDown), 'percent');
    add(section, 'Thời gian trả lời, trung vị', label, null, c.latencyMedianMs, 'ms');
    add(section, 'Thời gian trả lời, phân vị 95', label, null, c.latencyP95Ms, 'ms');
    add(section, 'Câu hỏi được cán bộ trả lời', label, null, c.staffAnsweredQuestions, 'count');
    add(section, 'Thời gian chờ cán bộ trả lời, trung vị', label, null, c.staffDelayMedianHours === null ? null : Math.round(c.staffDelayMedianHours * 100) / 100, 'hours');
  }

  const scope = CHANNEL_LABELS[f.scope];
  for (const d of f.daily) {
    for (const ch of CHANNELS) add('Theo ngày', 'Câu hỏi', CHANNEL_LABELS[ch], d.day, d.questions[ch], 'count');
    add('Theo ngày', 'Câu hỏi được trả lời', scope, d.day, d.answered, 'count');
    add('Theo ngày', 'Tỉ lệ được trả lời', scope, d.day, percent(d.answered, d.total), 'percent');
  }
  for (const t of f.topics) add('Chủ đề được hỏi nhiều nhất', 'Câu trả lời dẫn mục này đầu tiên', scope, t.section ? `${t.document} › ${t.section}` : t.document, t.answers, 'count');
  for (const d of f.documents.cited) add('Văn bản được trích dẫn', 'Câu trả lời trích dẫn văn bản', scope, d.document, d.answers, 'count');
  for (const g of f.queue.groups) add('Câu hỏi chưa trả lời tốt (hàng chờ)', `Số lần hỏi (nhóm ${STATUS_LABELS[g.status].toLowerCase()})`, scope, g.question, g.questions, 'count');
  for (const [status, n] of Object.entries(f.queue.byStatus)) add('Câu hỏi chưa trả lời tốt (hàng chờ)', `Câu hỏi trong nhóm: ${STATUS_LABELS[status as keyof typeof STATUS_LABELS].toLowerCase()}`, scope, null, n, 'count');
  for (const c of planCriteria(f)) for (const m of c.measures) add(`Tiêu chí: ${c.basis}`, m.label, CHANNEL_LABELS.all, c.criterion, m.value, m.unit);
  return rows;
}

export function reportCsv(f: ReportFigures): string {
  return toCsv(reportRows(f));
}
