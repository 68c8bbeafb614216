import type { FileImport, ImportSpec } from '../spec/import.ts';
import { columnFor } from './columns.ts';
import { ident } from './quote.ts';
import { textSql } from './trim.ts';

/** The record's position in the raw table, carried through the filled source (rowid is the raw table's only). */
export const ROW = '__sw_row';

/**
 * The columns holding an order's own fields, which a line-item export may write on the order's
 * first line only: the customer id (and its fallback), date, status, currency, the amount and the
 * refund when they are read per order, and the columns the cleaning rules read. Line attributes
 * (product, SKU, quantity, a line's price) are not among them: they stay each line's own.
 */
export function orderLevelColumns(file: FileImport, spec: ImportSpec): string[] {
  const c = spec.cleaning;
  const perOrder = spec.amountLevel === 'order';
  const names = [
    columnFor(file, 'customer_id'),
    spec.ids.fallbackColumn,
    columnFor(file, 'order_date'),
    columnFor(file, 'status'),
    columnFor(file, 'currency'),
    perOrder ? columnFor(file, 'amount') : undefined,
    perOrder ? c.refundColumn : undefined,
    c.cancelled.enabled ? c.cancelled.filledColumn : undefined,
    ...(c.keepOnly ?? []).map((k) => k.column),
  ];
  const present = new Set(file.columns.map((col) => col.name));
  return [...new Set(names.filter((n): n is string => !!n && present.has(n)))];
}

/** The columns sourceSql fills down in this file: none unless the spec fills down and the file has order ids. */
export function filledColumns(file: FileImport, spec: ImportSpec): string[] {
  return spec.cleaning.fillDown && columnFor(file, 'order_id') ? orderLevelColumns(file, spec) : [];
}

/**
 * The raw table as a subquery with `ROW` (its rowid) and, when the spec fills down, each
 * order-level column's empty values replaced by the first non-empty value of the same order id
 * (first by position in the file). Records without an order id keep their own values.
 */
export function sourceSql(raw: string, file: FileImport, spec: ImportSpec): string {
  const orderCol = columnFor(file, 'order_id');
  const columns = filledColumns(file, spec);
  if (!orderCol || columns.length === 0) return `(SELECT rowid AS ${ROW}, * FROM ${ident(raw)})`;
  const text = (c: string) => textSql(ident(c));
  const order = text(orderCol);
  const filled = columns.map(
    (c) =>
      `CASE WHEN ${text(c)} IS NULL AND ${order} IS NOT NULL THEN arg_min(${text(c)}, rowid) FILTER (WHERE ${text(c)} IS NOT NULL) OVER (PARTITION BY ${order}) ELSE ${ident(c)} END AS ${ident(c)}`,
  );
  return `(SELECT rowid AS ${ROW}, * REPLACE (${filled.join(',\n      ')})\n    FROM ${ident(raw)})`;
}
