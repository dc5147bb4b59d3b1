/**
 * @module
 * Tables of the staff pages: a region of its own that scrolls sideways on a narrow screen
 * (focusable, named for screen readers), with its column headings.
 */
import type { Child } from 'hono/jsx';

/** The rows are the children, inside one `<tbody>`. */
export function TableRegion(props: { label: string; columns: Child[]; class?: string; children?: Child }) {
  return (
    <div class="table" tabindex={0} role="region" aria-label={props.label}>
      <table class={props.class}>
        <thead>
          <tr>
            {props.columns.map((c) => (
              <th scope="col">{c}</th>
            ))}
          </tr>
        </thead>
        <tbody>{props.children}</tbody>
      </table>
    </div>
  );
}

/** A table of values: each row's first cell heads the row. */
export function RowsTable(props: { label: string; columns: Child[]; rows: Child[][]; class?: string }) {
  return (
    <TableRegion label={props.label} columns={props.columns} class={props.class}>
      {props.rows.map((row) => (
        <tr>{row.map((value, i) => (i === 0 ? <th scope="row">{value}</th> : <td>{value}</td>))}</tr>
      ))}
    </TableRegion>
  );
}
