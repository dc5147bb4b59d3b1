/**
 * @module
 * `npm run report -- --from YYYY-MM-DD --to YYYY-MM-DD --out DIR`: the half-year report of
 * a period (local days in Asia/Ho_Chi_Minh, both included) as a printable HTML file and a
 * CSV of every figure, from the database in DATA_DIR (the server may be running). Without
 * --from and --to: the reporting period today falls in (11/12 → 10/6 or 11/6 → 10/12).
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createReportsService } from '../admin/reports/service.ts';
import { reportCsv } from '../admin/reports/csv.ts';
import { REPORT_CSS, ReportDocument } from '../admin/reports/document.tsx';
import { periodProblem, reportingPeriodOf } from '../admin/reports/period.ts';
import { STAFF_CSS } from '../admin/ui/styles.ts';
import { loadConfig, loadDotEnv } from '../config.ts';
import { createEngine, toReadyEngine } from '../entry/engine.ts';
import { fail, openCliWorkspace } from './cli-workspace.ts';

const USAGE = `Cách dùng:
  npm run report -- [--from 2025-12-11 --to 2026-06-10] [--out bao-cao]
Không có --from và --to: kỳ báo cáo chứa ngày hôm nay (11/12 – 10/6 hoặc 11/6 – 10/12).`;

const { values } = parseArgs({ options: { from: { type: 'string' }, to: { type: 'string' }, out: { type: 'string', default: '.' }, help: { type: 'boolean' } } });
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
if ((values.from === undefined) !== (values.to === undefined)) fail(`Cần cả --from và --to.\n${USAGE}`, 2);

loadDotEnv();
const config = loadConfig();
// Document names come from the corpus the server answers from.
const engine = toReadyEngine(await createEngine(config));
const { workspace, close } = openCliWorkspace(config, engine);
try {
  const reports = createReportsService(workspace.ctx, workspace.queue);
  const period = values.from && values.to ? { from: values.from, to: values.to } : reportingPeriodOf(reports.today());
  const problem = periodProblem(period);
  if (problem) fail(`${problem}\n${USAGE}`, 2);
  const figures = await reports.figures(period);
  const purge = await reports.lastPurge();
  const body = ReportDocument({ f: figures, province: config.province, purge });
  const html = `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Báo cáo NQ57 ${period.from} – ${period.to}</title><style>${STAFF_CSS}${REPORT_CSS}</style></head><body><main>${String(body)}</main></body></html>\n`;
  mkdirSync(values.out, { recursive: true });
  const base = join(values.out, `bao-cao-nq57-${period.from}_${period.to}`);
  for (const [file, text] of [
    [`${base}.html`, html],
    [`${base}.csv`, reportCsv(figures)],
  ] as const) {
    writeFileSync(`${file}.tmp`, text);
    renameSync(`${file}.tmp`, file);
    console.log(file);
  }
  const all = figures.channels.all;
  console.error(`Kỳ ${period.from} – ${period.to}: ${all.questions} câu hỏi, ${all.outcomes.answered} được trả lời, ${all.conversations} cuộc trò chuyện.`);
} finally {
  await close();
}
