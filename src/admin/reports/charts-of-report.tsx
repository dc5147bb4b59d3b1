/**
 * @module
 * The three charts of the statistics and the report, from a report's figures: questions
 * per day by channel, the answered rate over time (by day up to two months, by week
 * beyond), and the topics asked most (the document section an answer cites first).
 */
import { BarChart, LineChart } from './charts.tsx';
import { CHANNELS, percent, type Channel, type ReportFigures } from './figures.ts';
import { formatCount, formatPercent, SHORT_CHANNEL, shortDay } from './format.ts';
import { formatDay } from './period.ts';

/** Labels along a time axis: every point when few, else month starts (long periods) or evenly spaced. */
function labelEvery(days: string[]): (i: number) => boolean {
  const n = days.length;
  if (n <= 16) return () => true;
  if (n > 92) return (i) => days[i]?.endsWith('-01') ?? false;
  const step = Math.ceil(n / 10);
  return (i) => i % step === 0;
}

function QuestionsPerDay(props: { f: ReportFigures }) {
  const { f } = props;
  const channels: Channel[] = f.scope === 'all' ? [...CHANNELS] : [f.scope];
  const total = (c: Channel) => f.daily.reduce((sum, d) => sum + d.questions[c], 0);
  const busiest = f.daily.reduce<{ day: string; n: number } | null>((best, d) => {
    const n = channels.reduce((sum, c) => sum + d.questions[c], 0);
    return n > (best?.n ?? 0) ? { day: d.day, n } : best;
  }, null);
  const all = channels.reduce((sum, c) => sum + total(c), 0);
  const description =
    `Từ ${formatDay(f.period.from)} đến ${formatDay(f.period.to)}: ${formatCount(all)} câu hỏi` +
    (channels.length > 1 ? ` (${channels.map((c) => `${SHORT_CHANNEL[c]} ${formatCount(total(c))}`).join(', ')})` : '') +
    (busiest ? `; nhiều nhất ${formatCount(busiest.n)} câu ngày ${formatDay(busiest.day)}.` : '; không có câu hỏi nào.');
  return (
    <LineChart
      id="bieu-do-cau-hoi"
      title="Số câu hỏi mỗi ngày theo kênh"
      description={description}
      labels={f.daily.map((d) => shortDay(d.day))}
      showLabel={labelEvery(f.daily.map((d) => d.day))}
      series={channels.map((c) => ({ label: SHORT_CHANNEL[c], values: f.daily.map((d) => d.questions[c]) }))}
      table={{
        columns: ['Ngày', ...channels.map((c) => SHORT_CHANNEL[c]), ...(channels.length > 1 ? ['Tổng'] : [])],
        rows: f.daily.map((d) => [formatDay(d.day), ...channels.map((c) => formatCount(d.questions[c])), ...(channels.length > 1 ? [formatCount(channels.reduce((s, c) => s + d.questions[c], 0))] : [])]),
      }}
    />
  );
}

/** Days grouped by day, or by week (Monday first) when a period is longer than two months. */
function buckets(f: ReportFigures): { weekly: boolean; rows: Array<{ start: string; end: string; total: number; answered: number }> } {
  const weekly = f.daily.length > 62;
  const rows: Array<{ start: string; end: string; total: number; answered: number }> = [];
  for (const d of f.daily) {
    const monday = new Date(`${d.day}T00:00:00Z`).getUTCDay() === 1;
    const last = rows.at(-1);
    if (!last || !weekly || monday) rows.push({ start: d.day, end: d.day, total: d.total, answered: d.answered });
    else {
      last.end = d.day;
      last.total += d.total;
      last.answered += d.answered;
    }
  }
  return { weekly, rows };
}

function AnsweredRate(props: { f: ReportFigures }) {
  const { f } = props;
  const { weekly, rows } = buckets(f);
  const total = rows.reduce((s, r) => s + r.total, 0);
  const answered = rows.reduce((s, r) => s + r.answered, 0);
  const rated = rows.filter((r) => r.total > 0).map((r) => ({ r, rate: percent(r.answered, r.total) as number }));
  const low = rated.reduce<(typeof rated)[number] | null>((m, x) => (!m || x.rate < m.rate ? x : m), null);
  const high = rated.reduce<(typeof rated)[number] | null>((m, x) => (!m || x.rate > m.rate ? x : m), null);
  const when = (r: { start: string; end: string }) => (weekly ? `tuần từ ${formatDay(r.start)}` : `ngày ${formatDay(r.start)}`);
  const title = weekly ? 'Tỉ lệ câu hỏi được trả lời theo tuần' : 'Tỉ lệ câu hỏi được trả lời theo ngày';
  const description =
    total === 0
      ? 'Không có câu hỏi nào trong kỳ.'
      : `Cả kỳ: ${formatPercent(percent(answered, total))} (${formatCount(answered)} trên ${formatCount(total)} câu hỏi)` +
        (low && high && rated.length > 1 ? `; thấp nhất ${formatPercent(low.rate)} (${when(low.r)}), cao nhất ${formatPercent(high.rate)} (${when(high.r)}).` : '.');
  const label = (r: { start: string; end: string }) => (weekly ? `${formatDay(r.start)} – ${formatDay(r.end)}` : formatDay(r.start));
  return (
    <LineChart
      id="bieu-do-ti-le"
      title={title}
      description={description}
      percent
      labels={rows.map((r) => shortDay(r.start))}
      showLabel={weekly ? (i) => i % Math.ceil(rows.length / 10) === 0 : labelEvery(rows.map((r) => r.start))}
      series={[{ label: 'Được trả lời', values: rows.map((r) => percent(r.answered, r.total)) }]}
      table={{
        columns: [weekly ? 'Tuần' : 'Ngày', 'Câu hỏi', 'Được trả lời', 'Tỉ lệ'],
        rows: rows.map((r) => [label(r), formatCount(r.total), formatCount(r.answered), formatPercent(percent(r.answered, r.total))]),
      }}
    />
  );
}

function TopTopics(props: { f: ReportFigures }) {
  const { f } = props;
  const answered = f.scope === 'all' ? f.channels.all.outcomes.answered : f.channels[f.scope].outcomes.answered;
  const name = (t: ReportFigures['topics'][number]) => (t.section ? `${t.document} › ${t.section}` : t.document);
  const description =
    f.topics.length === 0
      ? 'Không có câu trả lời nào trích dẫn văn bản trong kỳ.'
      : `Các mục văn bản được câu trả lời trích dẫn đầu tiên nhiều nhất, trên ${formatCount(answered)} câu hỏi được trả lời: ` +
        f.topics.map((t, i) => `${i + 1}. ${name(t)}: ${formatCount(t.answers)}`).join('; ') +
        '.';
  return (
    <BarChart
      id="bieu-do-chu-de"
      title="Chủ đề được hỏi nhiều nhất"
      description={description}
      bars={f.topics.map((t) => ({ label: name(t), value: t.answers, note: formatPercent(percent(t.answers, answered)) }))}
      table={{ columns: ['Văn bản › mục', 'Câu trả lời', 'Tỉ lệ trên câu được trả lời'], rows: f.topics.map((t) => [name(t), formatCount(t.answers), formatPercent(percent(t.answers, answered))]) }}
    />
  );
}

export function ReportCharts(props: { f: ReportFigures }) {
  return (
    <>
      <QuestionsPerDay f={props.f} />
      <AnsweredRate f={props.f} />
      <TopTopics f={props.f} />
    </>
  );
}
