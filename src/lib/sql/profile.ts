import type { FileImport, ImportSpec } from '../spec/import.ts';
import { columnFor } from './columns.ts';
import { ident } from './quote.ts';
import { decimalType, numberDigitsSql } from './values.ts';

export const NUMERIC_ROLES = ['amount', 'quantity', 'unit_price'] as const;
export type NumericRole = (typeof NUMERIC_ROLES)[number];

/** What typing needs to know about a raw table before it can be typed exactly. */
export interface ColumnProfile {
  /** Every non-empty id looks like `17850.0` (a spreadsheet turned ids into floats). */
  floatIds: boolean;
  /** Some id has spaces around it (trimming could merge it with another). */
  paddedIds: boolean;
  /** Exact DECIMAL type per numeric role present. */
  decimals: Partial<Record<NumericRole, string>>;
}

/** One pass over the raw table: digit widths of numeric columns, and the float-id check. */
export function profileSql(raw: string, file: FileImport): string {
  const parts: string[] = [];
  for (const role of NUMERIC_ROLES) {
    const col = columnFor(file, role);
    if (!col) continue;
    const digits = numberDigitsSql(ident(col), file.parse.decimalMark);
    parts.push(`coalesce(max(${digits.integer}), 1) AS ${role}_int`);
    parts.push(`coalesce(max(${digits.fraction}), 0) AS ${role}_frac`);
  }
  const id = columnFor(file, 'customer_id');
  if (id) {
    const v = `trim(${ident(id)})`;
    parts.push(`count(*) FILTER (WHERE ${v} <> '') AS ids_present`);
    // The cheap test first: the pattern runs only on ids that contain a point.
    parts.push(`count(*) FILTER (WHERE contains(${v}, '.') AND regexp_full_match(${v}, '\\d+\\.0+')) AS ids_float`);
    parts.push(`count(*) FILTER (WHERE ${ident(id)} <> ${v}) AS ids_padded`);
  }
  if (parts.length === 0) parts.push('count(*) AS n');
  return `SELECT ${parts.join(', ')} FROM ${ident(raw)}`;
}

/** Turns the profile query's single row into a ColumnProfile. */
export function readProfile(row: Record<string, unknown>, file: FileImport): ColumnProfile {
  const decimals: ColumnProfile['decimals'] = {};
  for (const role of NUMERIC_ROLES) {
    if (!columnFor(file, role)) continue;
    decimals[role] = decimalType(Number(row[`${role}_int`]), Number(row[`${role}_frac`]));
  }
  const present = Number(row.ids_present ?? 0);
  return { floatIds: present > 0 && Number(row.ids_float) === present, paddedIds: Number(row.ids_padded ?? 0) > 0, decimals };
}

/** The customer id as text, cleaned as the spec says; NULL when empty. */
export function customerIdExpr(col: string, spec: Pick<ImportSpec, 'ids'>, floatIds: boolean): string {
  let v = ident(col);
  if (spec.ids.trim) v = `trim(${v})`;
  if (floatIds) v = `regexp_replace(${v}, '\\.0+$', '')`;
  if (spec.ids.lowerCase) v = `lower(${v})`;
  return `nullif(${v}, '')`;
}
