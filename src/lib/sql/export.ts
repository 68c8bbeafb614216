/** An exact DECIMAL as text without trailing fractional zeros (`4310.000` → `4310`, `0.500` → `0.5`). */
function decimalText(expr: string): string {
  const text = `CAST(${expr} AS VARCHAR)`;
  return `CASE WHEN contains(${text}, '.') THEN rtrim(rtrim(${text}, '0'), '.') ELSE ${text} END`;
}

const timestampText = (column: string) => `strftime(${column}, '%Y-%m-%d %H:%M:%S')`;

/**
 * The customers view as text columns for a CSV export, in the view's column order: ids exactly as
 * loaded, numbers as plain text (monetary exact), timestamps `YYYY-MM-DD HH:MM:SS`, NULL where a
 * value does not apply; ordered by customer_id as text.
 */
export function exportCustomersSql(): string {
  const replaced = [
    ...['recency_days', 'frequency', 'r_score', 'f_score', 'm_score', 'aov', 'tenure_days'].map((c) => `CAST(${c} AS VARCHAR) AS ${c}`),
    `${decimalText('monetary')} AS monetary`,
    `${timestampText('first_purchase')} AS first_purchase`,
    `${timestampText('last_purchase')} AS last_purchase`,
  ];
  return `SELECT * REPLACE (\n  ${replaced.join(',\n  ')}\n)\nFROM customers\nORDER BY customer_id`;
}
