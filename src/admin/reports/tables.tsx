/**
 * @module
 * The tables of the statistics and the report: figures by channel, the plan's criteria,
 * the topics asked most, and the review queue's groups asked most in the period.
 */
import type { Child } from 'hono/jsx';
import { STATUS_LABELS } from '../queue/schemas.ts';
import { NOT_MEASURED, planCriteria } from './criteria.ts';
import { METHODS, OUTCOMES, percent, SCOPES, type ChannelFigures, type ReportFigures } from './figures.ts';
import { RowsTable } from '../ui/table.tsx';
import { CHANNEL_LABELS, formatCount, formatHours, formatMeasure, formatMs, formatPercent, METHOD_LABELS, OUTCOME_LABELS } from './format.ts';

function Table(props: { label: string; columns: string[]; rows: Child[][]; numeric?: boolean }) {
  return <RowsTable label={props.label} columns={props.columns} rows={props.rows} class={props.numeric ? 'figures' : undefined} />;
}

const share = (part: number, whole: number) => `${formatCount(part)} (${formatPercent(percent(part, whole))})`;

export function ChannelTable(props: { f: ReportFigures }) {
  const { f } = props;
  const row = (label: string, value: (c: ChannelFigures) => string): Child[] => [label, ...SCOPES.map((s) => value(f.channels[s]))];
  const rows: Child[][] = [
    row('Cuộc trò chuyện có câu hỏi', (c) => formatCount(c.conversations)),
    row('trong đó bắt đầu trong kỳ', (c) => formatCount(c.startedConversations)),
    row('Câu hỏi', (c) => formatCount(c.questions)),
    ...OUTCOMES.map((o) => row(OUTCOME_LABELS[o], (c) => share(c.outcomes[o], c.questions))),
    ...METHODS.map((m) => row(`Trả lời bằng: ${METHOD_LABELS[m]}`, (c) => formatCount(c.methods[m]))),
    row(`Trả lời bằng: ${METHOD_LABELS.staff}`, (c) => formatCount(c.staffAnswers)),
    row('Đánh giá hữu ích / chưa hữu ích', (c) => `${formatCount(c.ratedUp)} / ${formatCount(c.ratedDown)}`),
    row('Tỉ lệ đánh giá hữu ích', (c) => formatPercent(percent(c.ratedUp, c.ratedUp + c.ratedDown))),
    row('Câu trả lời được đánh giá', (c) => formatPercent(percent(c.ratedUp + c.ratedDown, c.questions))),
    row('Thời gian trả lời: trung vị', (c) => formatMs(c.latencyMedianMs)),
    row('Thời gian trả lời: 95% trong vòng', (c) => formatMs(c.latencyP95Ms)),
    row('Câu hỏi được cán bộ trả lời sau', (c) => formatCount(c.staffAnsweredQuestions)),
    row('Thời gian chờ cán bộ: trung vị', (c) => formatHours(c.staffDelayMedianHours)),
  ];
  return <Table label="Số liệu theo kênh" columns={['Chỉ số', ...SCOPES.map((s) => CHANNEL_LABELS[s])]} rows={rows} numeric />;
}

export function CriteriaTable(props: { f: ReportFigures }) {
  return (
    <>
      <div class="table" role="region" tabindex={0} aria-label="Tiêu chí của Kế hoạch">
        <table class="criteria">
          <thead>
            <tr>
              <th scope="col">Tiêu chí, căn cứ</th>
              <th scope="col">Chỉ số đo được</th>
              <th scope="col">Giá trị</th>
            </tr>
          </thead>
          {planCriteria(props.f).map((c) => (
            <tbody>
              {c.measures.map((m, i) => (
                <tr>
                  {i === 0 && (
                    <th scope="rowgroup" rowspan={c.measures.length}>
                      {c.criterion}
                      <span class="hint">{c.basis}</span>
                    </th>
                  )}
                  <td>{m.label}</td>
                  <td class="value">{formatMeasure(m.value, m.unit)}</td>
                </tr>
              ))}
            </tbody>
          ))}
        </table>
      </div>
      <p>Dịch vụ không đo được (cần số liệu của các cơ quan, đơn vị):</p>
      <ul>
        {NOT_MEASURED.map((text) => (
          <li>{text}</li>
        ))}
      </ul>
    </>
  );
}

export function TopicsTable(props: { f: ReportFigures }) {
  const { f } = props;
  const answered = f.channels[f.scope].outcomes.answered;
  return f.documents.cited.length === 0 ? (
    <p>Chưa có câu trả lời nào trích dẫn văn bản trong kỳ.</p>
  ) : (
    <Table
      label="Văn bản được trích dẫn"
      columns={['Văn bản', 'Câu trả lời trích dẫn', 'Tỉ lệ trên câu được trả lời']}
      rows={f.documents.cited.map((d) => [d.document, formatCount(d.answers), formatPercent(percent(d.answers, answered))])}
    />
  );
}

export function QueueTable(props: { f: ReportFigures; links?: boolean }) {
  const { f } = props;
  if (f.queue.groups.length === 0) return <p>Không có câu hỏi nào vào hàng chờ trong kỳ.</p>;
  const statuses = Object.entries(f.queue.byStatus).filter(([, n]) => n > 0);
  return (
    <>
      <p>
        {formatCount(f.queue.questions)} câu hỏi trong kỳ vào hàng chờ (trợ lý chưa trả lời được, bị đánh giá chưa hữu ích hoặc trả lời với độ tin cậy thấp)
        {statuses.length > 0 && `: ${statuses.map(([s, n]) => `${STATUS_LABELS[s as keyof typeof STATUS_LABELS].toLowerCase()} ${formatCount(n)}`).join(', ')}`}.
      </p>
      <Table
        label="Nhóm câu hỏi được hỏi nhiều nhất trong hàng chờ"
        columns={['Câu hỏi', 'Số lần hỏi trong kỳ', 'Trạng thái nhóm']}
        rows={f.queue.groups.map((g) => [props.links ? <a href={`/admin/queue/${g.id}`}>{g.question}</a> : g.question, formatCount(g.questions), STATUS_LABELS[g.status]])}
      />
    </>
  );
}
