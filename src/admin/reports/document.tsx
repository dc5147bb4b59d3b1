/**
 * @module
 * The half-year report as one document: the plan's criteria, figures by channel, the
 * charts, documents cited, the queue's groups and how each figure is counted. The staff
 * page frames it (with the period chooser); `npm run report` writes it as a file of its own.
 */
import type { Child } from 'hono/jsx';
import { ReportCharts } from './charts-of-report.tsx';
import type { ReportFigures } from './figures.ts';
import { formatCount } from './format.ts';
import { dayStart, formatDay, PROVINCE_OFFSET_MINUTES, localDay } from './period.ts';
import type { PurgeNote } from './service.ts';
import { ChannelTable, CriteriaTable, QueueTable, TopicsTable } from './tables.tsx';
import { formatTime } from '../ui/forms.tsx';

/** Extra styles of the report and statistics pages: charts, legends, numbers, print. */
export const REPORT_CSS = `
.chart{margin:1.25em 0 1.75em}
.chart h3{margin-top:.5em}
.chart-box{overflow-x:auto;border:1px solid #c4c4c4;border-radius:4px;padding:4px;background:#fff}
.chart-box svg{display:block;min-width:560px;height:auto}
.legend{display:flex;flex-wrap:wrap;gap:4px 20px;list-style:none;padding:0;margin:.25em 0 .5em}
.legend li{display:flex;align-items:center;gap:6px}
details{margin:.5em 0}
summary{cursor:pointer;padding:10px 0;font-weight:600;color:#0b4f9c}
table.figures td{white-space:nowrap;text-align:right}
table.criteria td.value{white-space:nowrap;font-weight:600}
table.criteria th[scope=rowgroup]{width:38%}
table.criteria tbody{border-top:2px solid #8a8a8a}
.lead{font-size:1.05rem}
.quick{display:flex;flex-wrap:wrap;gap:4px 16px;list-style:none;padding:0}
.quick a{display:inline-block;padding:10px 0}
.card span{display:block}
@media print{
  header,footer,.skip,.no-print{display:none!important}
  body{background:#fff;font-size:11pt}
  main{max-width:none;padding:0;min-height:0}
  .chart,tr,.card{break-inside:avoid}
  h2,h3{break-after:avoid}
  .chart-box,.table{overflow:visible;border:0}
  .chart-box svg{min-width:0}
  details{display:none}
  a{color:inherit;text-decoration:none}
}
@page{size:A4;margin:14mm}
`;

export function Definitions(props: { purge: PurgeNote | null }) {
  return (
    <ul>
      <li>Ngày tính theo giờ Việt Nam (Asia/Ho_Chi_Minh, UTC+7): một ngày từ 00:00 đến 24:00 giờ Việt Nam; kỳ gồm cả ngày đầu và ngày cuối.</li>
      <li>Câu hỏi: mỗi câu người dân gửi và được hệ thống trả lời, trên trang web (tiện ích hỏi đáp), Zalo hoặc Messenger. Cuộc trò chuyện: một người hỏi liên tiếp trên một kênh (trên Zalo và Messenger, mỗi người dùng là một cuộc trò chuyện).</li>
      <li>Được trả lời: câu trả lời lấy từ văn bản hoặc câu hỏi thường gặp đã duyệt, có dẫn nguồn. Câu tài liệu chưa có câu trả lời và câu ngoài phạm vi được chuyển vào hàng chờ để cán bộ trả lời.</li>
      <li>Thời gian trả lời: từ lúc máy chủ nhận câu hỏi đến khi có câu trả lời. Trung vị: một nửa số câu hỏi được trả lời nhanh hơn; 95%: thời gian mà 95% số câu hỏi được trả lời trong vòng đó (thứ hạng gần nhất).</li>
      <li>Chủ đề: mục lớn (I., II., …) của văn bản mà câu trả lời dẫn đầu tiên.</li>
      <li>
        Dữ liệu của người dân chỉ được lưu trong thời hạn quy định rồi tự động xoá
        {props.purge ? ` (${formatCount(props.purge.retentionDays)} ngày; lần xoá gần nhất ${formatTime(props.purge.at)})` : ''}; số liệu của ngày đã xoá không còn.
      </li>
    </ul>
  );
}

/** A warning when part of the period is older than what the last purge kept. */
export function RetentionWarning(props: { f: ReportFigures; purge: PurgeNote | null }) {
  const { f, purge } = props;
  if (!purge || dayStart(f.period.from) >= purge.cutoff) return null;
  return (
    <p class="notice">
      Số liệu trước ngày {formatDay(localDay(purge.cutoff, PROVINCE_OFFSET_MINUTES))} đã được xoá theo thời hạn lưu giữ dữ liệu ({formatCount(purge.retentionDays)} ngày): số liệu
      của kỳ này chưa đầy đủ.
    </p>
  );
}

/** `controls`: what the staff page adds under the title (the period chooser), never printed. */
export function ReportDocument(props: { f: ReportFigures; province: string; purge: PurgeNote | null; controls?: Child }) {
  const { f } = props;
  return (
    <article aria-labelledby="tieu-de-bao-cao">
      <h1 id="tieu-de-bao-cao">Báo cáo kết quả hỏi đáp về Nghị quyết 57-NQ/TW</h1>
      <p class="lead">
        Tỉnh {props.province} · Kỳ báo cáo từ {formatDay(f.period.from)} đến {formatDay(f.period.to)} ({formatCount(f.days)} ngày, giờ Việt Nam) · Lập lúc {formatTime(f.generatedAt)}
      </p>
      <p>
        Số liệu do hệ thống Hỏi đáp NQ57 tự ghi nhận, phục vụ chế độ báo cáo tại mục V.10 của Kế hoạch (trước ngày 10/6 và 10/12 hằng năm, gửi Sở Văn hoá, Thể thao và Du
        lịch) và bộ tiêu chí đánh giá công tác truyền thông tại mục II.2.2.
      </p>
      <RetentionWarning f={f} purge={props.purge} />
      {props.controls && <div class="no-print">{props.controls}</div>}
      <h2>1. Tiêu chí của Kế hoạch đo được qua kênh hỏi đáp</h2>
      <CriteriaTable f={f} />
      <h2>2. Số liệu theo kênh</h2>
      <ChannelTable f={f} />
      <h2>3. Biểu đồ</h2>
      <ReportCharts f={f} />
      <h2>4. Văn bản được trích dẫn</h2>
      <TopicsTable f={f} />
      <h2>5. Câu hỏi chưa trả lời tốt được hỏi nhiều nhất</h2>
      <QueueTable f={f} />
      <h2>6. Cách tính</h2>
      <Definitions purge={props.purge} />
    </article>
  );
}
