/**
 * @module
 * Charts drawn on the server as inline SVG: no script and no library reaches the browser
 * (the staff pages run none), and they print. Each is an image with a name and a
 * description (`role="img"`, `<title>`, `<desc>`), its series told apart by line pattern
 * and marker shape as well as colour (WCAG 1.4.1; each colour has at least 3:1 against
 * white, 1.4.11), and its numbers in a table behind a disclosure for anyone who reads
 * rather than looks. Presentation attributes only: the pages' CSP allows no style attribute.
 */
import type { Child } from 'hono/jsx';
import { RowsTable } from '../ui/table.tsx';

const SERIES_COLORS = ['#0b4f9c', '#a3001b', '#1b6e20'] as const;
const DASHES = [undefined, '9 5', '2 4'] as const;
const TEXT = '#1b1b1b';
const GRID = '#d5d5d5';
const FONT = 'system-ui, -apple-system, Segoe UI, Roboto, Arial, sans-serif';
const W = 720;

export interface Series {
  label: string;
  values: Array<number | null>;
}

export interface DataTable {
  columns: string[];
  rows: Child[][];
}

interface Frame {
  id: string;
  title: string;
  description: string;
  table: DataTable;
}

/** Round numbers for an axis: a step of 1, 2 or 5 × 10ⁿ giving at most five intervals. */
function axisTicks(max: number): number[] {
  const top = Math.max(max, 1);
  const magnitude = 10 ** Math.floor(Math.log10(top / 5));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => top / s <= 5) ?? 10 * magnitude;
  const ticks: number[] = [];
  for (let v = 0; v < top + step; v += step) ticks.push(Math.round(v * 1e6) / 1e6);
  return ticks;
}

function Marker(props: { shape: number; x: number; y: number; color: string }) {
  const { x, y, color } = props;
  if (props.shape === 1) return <rect x={x - 3} y={y - 3} width="6" height="6" fill={color} />;
  if (props.shape === 2) return <path d={`M${x} ${y - 4}L${x + 4} ${y}L${x} ${y + 4}L${x - 4} ${y}Z`} fill={color} />;
  return <circle cx={x} cy={y} r="3" fill={color} />;
}

/** A sample of a series' line and marker, for legends. */
export function SeriesKey(props: { index: number }) {
  const color = SERIES_COLORS[props.index % 3] as string;
  return (
    <svg width="40" height="14" viewBox="0 0 40 14" aria-hidden="true" focusable="false">
      <line x1="2" y1="7" x2="38" y2="7" stroke={color} stroke-width="2.5" stroke-dasharray={DASHES[props.index % 3]} />
      <Marker shape={props.index % 3} x={20} y={7} color={color} />
    </svg>
  );
}

function ChartFrame(props: Frame & { legend?: string[]; svg: Child; height: number }) {
  const { id, title } = props;
  return (
    <section class="chart" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>{title}</h3>
      {props.legend && props.legend.length > 1 && (
        <ul class="legend">
          {props.legend.map((label, i) => (
            <li>
              <SeriesKey index={i} />
              {label}
            </li>
          ))}
        </ul>
      )}
      <div class="chart-box" role="region" tabindex={0} aria-label={`Biểu đồ: ${title}`}>
        <svg role="img" aria-labelledby={`${id}-t`} aria-describedby={`${id}-d`} viewBox={`0 0 ${W} ${props.height}`} width="100%" font-family={FONT} font-size="13">
          <title id={`${id}-t`}>{title}</title>
          <desc id={`${id}-d`}>{props.description}</desc>
          {props.svg}
        </svg>
      </div>
      <details>
        <summary>Bảng số liệu: {title}</summary>
        <RowsTable label={`Bảng số liệu: ${title}`} columns={props.table.columns} rows={props.table.rows} />
      </details>
    </section>
  );
}

export interface LineChartProps extends Frame {
  /** One label per point, as the x axis shows it. */
  labels: string[];
  /** Which labels the axis prints (the others are in the table). */
  showLabel: (index: number) => boolean;
  series: Series[];
  /** A 0–100% axis. */
  percent?: boolean;
}

export function LineChart(p: LineChartProps) {
  const height = 300;
  const left = 56;
  const right = 16;
  const top = 16;
  const bottom = 44;
  const plotW = W - left - right;
  const plotH = height - top - bottom;
  const n = p.labels.length;
  const max = p.percent ? 100 : Math.max(0, ...p.series.flatMap((s) => s.values.map((v) => v ?? 0)));
  const ticks = p.percent ? [0, 20, 40, 60, 80, 100] : axisTicks(max);
  const yMax = ticks.at(-1) ?? 1;
  const x = (i: number) => left + (n <= 1 ? plotW / 2 : (i * plotW) / (n - 1));
  const y = (v: number) => top + plotH - (v / yMax) * plotH;
  const markers = n <= 62;
  const paths = p.series.map((s) => {
    let d = '';
    let open = false;
    s.values.forEach((v, i) => {
      if (v === null) {
        open = false;
        return;
      }
      d += `${open ? 'L' : 'M'}${x(i).toFixed(1)} ${y(v).toFixed(1)}`;
      open = true;
    });
    return d;
  });
  const svg = (
    <>
      {ticks.map((t) => (
        <>
          <line x1={left} x2={W - right} y1={y(t)} y2={y(t)} stroke={GRID} stroke-width="1" />
          <text x={left - 8} y={y(t) + 4} text-anchor="end" fill={TEXT}>
            {p.percent ? `${t}%` : t.toLocaleString('vi-VN')}
          </text>
        </>
      ))}
      <line x1={left} x2={W - right} y1={top + plotH} y2={top + plotH} stroke={TEXT} stroke-width="1" />
      {p.labels.map((label, i) =>
        p.showLabel(i) ? (
          <>
            <line x1={x(i)} x2={x(i)} y1={top + plotH} y2={top + plotH + 5} stroke={TEXT} stroke-width="1" />
            <text x={x(i)} y={top + plotH + 20} text-anchor="middle" fill={TEXT}>
              {label}
            </text>
          </>
        ) : null,
      )}
      {p.series.map((s, k) => {
        const color = SERIES_COLORS[k % 3] as string;
        return (
          <g>
            <path d={paths[k]} fill="none" stroke={color} stroke-width="2.5" stroke-dasharray={DASHES[k % 3]} stroke-linejoin="round" />
            {s.values.map((v, i) => (v !== null && ((markers && (v > 0 || p.percent)) || isolated(s.values, i)) ? <Marker shape={k % 3} x={x(i)} y={y(v)} color={color} /> : null))}
          </g>
        );
      })}
    </>
  );
  return <ChartFrame {...p} legend={p.series.map((s) => s.label)} svg={svg} height={height} />;
}

/** A point with no neighbour draws no line: it needs its marker to be seen. */
function isolated(values: Array<number | null>, i: number): boolean {
  return (values[i - 1] ?? null) === null && (values[i + 1] ?? null) === null;
}

export interface BarChartProps extends Frame {
  bars: Array<{ label: string; value: number; note?: string }>;
}

/** Horizontal bars, each labelled above it (long section names need the width). */
export function BarChart(p: BarChartProps) {
  const row = 46;
  const height = Math.max(1, p.bars.length) * row + 12;
  const max = Math.max(1, ...p.bars.map((b) => b.value));
  // Room after the longest bar for its value and share.
  const width = W - 16 - 130;
  const svg = (
    <>
      {p.bars.length === 0 && (
        <text x="8" y="30" fill={TEXT}>
          Không có số liệu trong kỳ.
        </text>
      )}
      {p.bars.map((b, i) => {
        const top = 8 + i * row;
        const length = Math.max(2, (b.value / max) * width);
        return (
          <g>
            <text x="8" y={top + 14} fill={TEXT}>
              {b.label.length > 90 ? `${b.label.slice(0, 89)}…` : b.label}
            </text>
            <rect x="8" y={top + 21} width={length.toFixed(1)} height="16" fill={SERIES_COLORS[0]} />
            <text x={(8 + length + 6).toFixed(1)} y={top + 34} fill={TEXT} font-weight="600">
              {b.value.toLocaleString('vi-VN')}
              {b.note ? ` (${b.note})` : ''}
            </text>
          </g>
        );
      })}
    </>
  );
  return <ChartFrame {...p} svg={svg} height={height} />;
}
