/**
 * @module
 * `/admin/stats` (statistics of any period and channel, with charts) and `/admin/report`
 * (the half-year report, printable, with its CSV at `/admin/report.csv`); every role may
 * read them. `GET /api/admin/stats` gives the same figures as JSON.
 */
import type { Context, Hono } from 'hono';
import { parseWith, query } from '../http.ts';
import { Field, Select } from '../ui/forms.tsx';
import { renderPage } from '../ui/page.tsx';
import type { Workspace } from '../workspace.ts';
import { ReportCharts } from './charts-of-report.tsx';
import { planCriteria } from './criteria.ts';
import { reportCsv } from './csv.ts';
import { Definitions, REPORT_CSS, ReportDocument, RetentionWarning } from './document.tsx';
import { percent, SCOPES, type ReportFigures, type Scope } from './figures.ts';
import { CHANNEL_LABELS, formatCount, formatMs, formatPercent } from './format.ts';
import { formatDay, halfYearPeriods, lastDays, reportingPeriodOf, type Period } from './period.ts';
import { periodQuerySchema, statsQuerySchema } from './schemas.ts';
import { createReportsService, type ReportsService } from './service.ts';
import { ChannelTable, QueueTable, TopicsTable } from './tables.tsx';

const link = (path: string, period: Period, extra: Record<string, string> = {}) => `${path}?${new URLSearchParams({ from: period.from, to: period.to, ...extra }).toString()}`;

function statsPeriod(c: Context, reports: ReportsService): { period: Period; scope: Scope } {
  const q = parseWith(statsQuerySchema, query(c));
  const fallback = lastDays(reports.today(), 30);
  return { period: { from: q.from ?? fallback.from, to: q.to ?? fallback.to }, scope: q.channel as Scope };
}

function reportPeriod(c: Context, reports: ReportsService): Period {
  const q = parseWith(periodQuerySchema, query(c));
  const current = reportingPeriodOf(reports.today());
  return { from: q.from ?? current.from, to: q.to ?? current.to };
}

function Cards(props: { f: ReportFigures }) {
  const c = props.f.channels[props.f.scope];
  const cards: Array<[string, string]> = [
    [formatCount(c.questions), 'câu hỏi'],
    [formatPercent(percent(c.outcomes.answered, c.questions)), 'được trả lời từ văn bản'],
    [formatCount(c.conversations), 'cuộc trò chuyện'],
    [formatPercent(percent(c.ratedUp, c.ratedUp + c.ratedDown)), 'đánh giá hữu ích'],
    [formatMs(c.latencyMedianMs), 'thời gian trả lời (trung vị)'],
  ];
  return (
    <ul class="cards" aria-label="Số liệu chính">
      {cards.map(([value, label]) => (
        <li class="card">
          <strong>{value}</strong>
          <span>{label}</span>
        </li>
      ))}
    </ul>
  );
}

async function statsPage(c: Context, w: Workspace, reports: ReportsService) {
  const { period, scope } = statsPeriod(c, reports);
  const f = await reports.figures(period, scope);
  const purge = await reports.lastPurge();
  const today = reports.today();
  const current = reportingPeriodOf(today);
  return renderPage(
    c,
    { title: 'Thống kê', staff: c.get('staff'), section: '/admin/stats', css: `${REPORT_CSS}ul.cards{list-style:none;padding:0}` },
    <>
      <h1>Thống kê</h1>
      <p class="lead">
        {CHANNEL_LABELS[scope]}, từ {formatDay(period.from)} đến {formatDay(period.to)} (giờ Việt Nam).
      </p>
      <form method="get" action="/admin/stats" role="search" aria-label="Chọn kỳ và kênh">
        <div class="row">
          <Field name="from" type="date" label="Từ ngày" value={period.from} />
          <Field name="to" type="date" label="Đến ngày" value={period.to} />
          <Select name="channel" label="Kênh" value={scope} options={SCOPES.map((s): [string, string] => [s, CHANNEL_LABELS[s]])} />
          <div class="narrow">
            <button type="submit">Xem</button>
          </div>
        </div>
      </form>
      <nav aria-label="Kỳ thường xem">
        <ul class="quick">
          <li><a href={link('/admin/stats', lastDays(today, 7), { channel: scope })}>7 ngày qua</a></li>
          <li><a href={link('/admin/stats', lastDays(today, 30), { channel: scope })}>30 ngày qua</a></li>
          <li><a href={link('/admin/stats', lastDays(today, 90), { channel: scope })}>90 ngày qua</a></li>
          <li><a href={link('/admin/stats', current, { channel: scope })}>{current.label}</a></li>
          <li><a href={link('/admin/report', period)}>Báo cáo in được của kỳ này</a></li>
          <li><a href={link('/admin/report.csv', period)}>Tải số liệu (CSV)</a></li>
        </ul>
      </nav>
      <RetentionWarning f={f} purge={purge} />
      <Cards f={f} />
      <h2>Biểu đồ</h2>
      <ReportCharts f={f} />
      <h2>Theo kênh</h2>
      <ChannelTable f={f} />
      <h2>Văn bản được trích dẫn</h2>
      <TopicsTable f={f} />
      <h2>Câu hỏi chưa trả lời tốt được hỏi nhiều nhất</h2>
      <QueueTable f={f} links />
      <h2>Cách tính</h2>
      <Definitions purge={purge} />
    </>,
  );
}

async function reportPage(c: Context, reports: ReportsService, province: string) {
  const period = reportPeriod(c, reports);
  const f = await reports.figures(period);
  const year = Number(reports.today().slice(0, 4));
  const periods = [...halfYearPeriods(year - 1), ...halfYearPeriods(year)];
  return renderPage(
    c,
    { title: `Báo cáo ${formatDay(period.from)} – ${formatDay(period.to)}`, staff: c.get('staff'), section: '/admin/report', css: REPORT_CSS },
    <ReportDocument
      f={f}
      province={province}
      purge={await reports.lastPurge()}
      controls={
        <>
          <nav aria-label="Kỳ báo cáo">
            <ul class="quick">
              {periods.map((p) => (
                <li>
                  <a href={link('/admin/report', p)} aria-current={p.from === period.from && p.to === period.to ? 'page' : undefined}>
                    {p.label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          <form method="get" action="/admin/report" aria-label="Chọn kỳ báo cáo khác">
            <div class="row">
              <Field name="from" type="date" label="Từ ngày" value={period.from} />
              <Field name="to" type="date" label="Đến ngày" value={period.to} />
              <div class="narrow">
                <button type="submit">Lập báo cáo</button>
              </div>
            </div>
          </form>
          <p>
            <a class="button secondary" href={link('/admin/report.csv', period)}>
              Tải mọi số liệu (CSV)
            </a>{' '}
            In hoặc lưu PDF: lệnh In của trình duyệt (Ctrl+P); bản in không có thanh điều hướng và các ô chọn này.
          </p>
        </>
      }
    />,
  );
}

export function registerReports(app: Hono, w: Workspace, options: { province: string }): void {
  const reports = createReportsService(w.ctx, w.queue);
  app.get('/admin/stats', w.staff('read'), (c) => statsPage(c, w, reports));
  app.get('/admin/report', w.staff('read'), (c) => reportPage(c, reports, options.province));
  app.get('/admin/report.csv', w.staff('read'), async (c) => {
    const period = reportPeriod(c, reports);
    const csv = reportCsv(await reports.figures(period));
    return c.body(csv, 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="bao-cao-nq57-${period.from}_${period.to}.csv"`,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    });
  });
  app.get('/api/admin/stats', w.staff('read'), async (c) => {
    const { period, scope } = statsPeriod(c, reports);
    const f = await reports.figures(period, scope);
    return c.json({ ...f, criteria: planCriteria(f) });
  });
}
