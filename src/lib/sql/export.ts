import { ident } from './quote.ts';

/** An exact DECIMAL as text without trailing fractional zeros (`4310.000` → `4310`, `0.500` → `0.5`). */
function decimalText(expr: string): string {
  const text = `CAST(${expr} AS VARCHAR)`;
  return `CASE WHEN contains(${text}, '.') THEN rtrim(rtrim(${text}, '0'), '.') ELSE ${text} END`;
}

/**
 * Average order value in exports: 2 decimals, half away from zero (DuckDB's round), trailing zeros
 * trimmed as for monetary. The page shows the same rounding.
 */
export const AOV_DECIMALS = 2;

const timestampText = (column: string) => `strftime(${column}, '%Y-%m-%d %H:%M:%S')`;

/** A segment as a column of the export: its header and its predicate over `customers`. */
export interface SegmentFlag {
  header: string;
  predicate: string;
}

export interface ExportOptions {
  /** One true/false column per segment, after the view's columns. */
  flags?: readonly SegmentFlag[];
  /** Only the customers for whom this predicate holds (a segment's members). */
  where?: string;
}

/**
 * The customers view as text columns for a CSV export, in the view's column order: ids exactly as
 * loaded, numbers as plain text (monetary exact), timestamps `YYYY-MM-DD HH:MM:SS`, NULL where a
 * value does not apply; ordered by customer_id as text.
 */
export function exportCustomersSql(options: ExportOptions = {}): string {
  const replaced = [
    ...['recency_days', 'frequency', 'r_score', 'f_score', 'm_score', 'tenure_days'].map((c) => `CAST(${c} AS VARCHAR) AS ${c}`),
    `${decimalText('monetary')} AS monetary`,
    // Rounded here only, never in the view: aov feeds scores and rules at full precision.
    `${decimalText(`CAST(round(aov, ${AOV_DECIMALS}) AS DECIMAL(38, ${AOV_DECIMALS}))`)} AS aov`,
    `${timestampText('first_purchase')} AS first_purchase`,
    `${timestampText('last_purchase')} AS last_purchase`,
  ];
  const flags = (options.flags ?? []).map((f) => `,\n  CAST(coalesce(${f.predicate}, false) AS VARCHAR) AS ${ident(f.header)}`).join('');
  const where = options.where ? `\nWHERE coalesce(${options.where}, false)` : '';
  return `SELECT * REPLACE (\n  ${replaced.join(',\n  ')}\n)${flags}\nFROM customers${where}\nORDER BY customer_id`;
}

/**
 * Headers for segment columns: the segment's name, with a number added when it would repeat a
 * column of the view or an earlier segment (DuckDB compares names case-insensitively).
 */
export function flagHeaders(names: readonly string[], viewColumns: readonly string[]): string[] {
  const taken = new Set(viewColumns.map((c) => c.toLowerCase()));
  return names.map((name) => {
    const base = name.trim() || 'segment';
    let header = base;
    for (let n = 2; taken.has(header.toLowerCase()); n++) header = `${base} (${n})`;
    taken.add(header.toLowerCase());
    return header;
  });
}
