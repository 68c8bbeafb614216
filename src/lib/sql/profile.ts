import type { FileImport, ImportSpec } from '../spec/import.ts';
import { attributeNames, columnFor } from './columns.ts';
import { ident, literal } from './quote.ts';
import { decimalType, MINIMAL_DECIMAL, numberDigitsSql, roughDigitsSql } from './values.ts';
import { mayTrimSql, trimSql } from './trim.ts';

export const NUMERIC_ROLES = ['amount', 'quantity', 'unit_price'] as const;
export type NumericRole = (typeof NUMERIC_ROLES)[number];
/** Numbers typing reads exactly: the numeric roles, and the refunded amounts a cleaning rule names. */
export type NumericKey = NumericRole | 'refund';

/** What typing needs to know about a raw table before it can be typed exactly. */
export interface ColumnProfile {
  /** Every non-empty id looks like `17850.0` (a spreadsheet turned ids into floats). */
  floatIds: boolean;
  /** Some id has spaces around it (trimming could merge it with another). */
  paddedIds: boolean;
  /**
   * Some order id may have spaces around it (or is not ASCII), or is empty: read trimmed, it may
   * not be its raw text. True when the profile was not asked to check (profileSql's `orderIds`).
   */
  paddedOrderIds: boolean;
  /** Exact DECIMAL type per numeric column present. */
  decimals: Partial<Record<NumericKey, string>>;
  /** The attributes (by their names in order_lines) empty in some record: ordersSql reads only those line by line. */
  attributesWithEmpties: string[];
}

/** The numeric columns of a file to type exactly, by what they hold. */
export function numericColumns(file: FileImport, refundColumn?: string | null): [NumericKey, string][] {
  const columns: [NumericKey, string][] = [];
  for (const role of NUMERIC_ROLES) {
    const col = columnFor(file, role);
    if (col) columns.push([role, col]);
  }
  if (refundColumn && file.columns.some((c) => c.name === refundColumn)) columns.push(['refund', refundColumn]);
  return columns;
}

/**
 * One pass over the raw table: upper bounds on the digit widths of numeric columns (cheap, see
 * roughDigitsSql), the float-id and padded-id checks, and with `orderIds` the padded-order-id one
 * (only worth its pass when the order ids may stay raw: textsStayingRaw). readProfile types a
 * column from its bounds when they give the narrowest type; otherwise exactWidthsSql measures it.
 */
export function profileSql(raw: string, file: FileImport, refundColumn?: string | null, orderIds = false): string {
  const parts = numericColumns(file, refundColumn).flatMap(([key, col]) =>
    widthParts(key, roughDigitsSql(ident(col), file.parse.decimalMark)),
  );
  const id = columnFor(file, 'customer_id');
  if (id) {
    const v = trimSql(ident(id));
    parts.push(`count(*) FILTER (WHERE ${v} <> '') AS ids_present`);
    // The pattern runs only on ids that contain a point: a CASE, since an aggregate's filter is
    // computed as a value for every row, and AND then evaluates both sides (half of this pass at 1M).
    parts.push(
      `count(*) FILTER (WHERE CASE WHEN contains(${v}, '.') THEN regexp_full_match(${v}, '\\d+\\.0+') ELSE false END) AS ids_float`,
    );
    parts.push(`count(*) FILTER (WHERE ${ident(id)} <> ${v}) AS ids_padded`);
  }
  const order = orderIds ? columnFor(file, 'order_id') : undefined;
  // Cheaper than comparing each with its trimmed text; an order id that is not ASCII counts, to be safe.
  if (order) parts.push(`count(*) FILTER (WHERE ${mayTrimSql(ident(order))} OR ${ident(order)} = '') AS order_ids_padded`);
  if (parts.length === 0) parts.push('count(*) AS n');
  return `SELECT ${parts.join(', ')} FROM ${ident(raw)}`;
}

/**
 * Whether each of a transactions file's attributes may be empty, from the statistics DuckDB keeps
 * for every column of a table (`stats()`, read without a scan): counting the empty values instead
 * cost 200 ms at 5M records. Over every record, loaded or not: a few more than needed, never fewer.
 * Null when the file has no attributes.
 */
export function attributeStatsSql(raw: string, file: FileImport): string | null {
  const stats = lineAttributes(file).map((a, i) => `stats(${ident(a.source)}) AS attribute_stats_${i}`);
  return stats.length ? `SELECT ${stats.join(', ')} FROM ${ident(raw)} LIMIT 1` : null;
}

/** The numeric columns whose bounds in a profile row leave their type open: they need exactWidthsSql. */
export function widthsToMeasure(row: Record<string, unknown>, file: FileImport, refundColumn?: string | null): NumericKey[] {
  return numericColumns(file, refundColumn)
    .filter(([key]) => decimalType(Number(row[`${key}_int`]), Number(row[`${key}_frac`])) !== MINIMAL_DECIMAL)
    .map(([key]) => key);
}

/** The exact digit widths of some numeric columns, under the same names as the profile's bounds. */
export function exactWidthsSql(raw: string, file: FileImport, keys: readonly NumericKey[], refundColumn?: string | null): string {
  const parts = numericColumns(file, refundColumn)
    .filter(([key]) => keys.includes(key))
    .flatMap(([key, col]) => widthParts(key, numberDigitsSql(ident(col), file.parse.decimalMark)));
  return `SELECT ${parts.join(', ')} FROM ${ident(raw)}`;
}

function widthParts(key: NumericKey, digits: { integer: string; fraction: string }): string[] {
  return [`coalesce(max(${digits.integer}), 1) AS ${key}_int`, `coalesce(max(${digits.fraction}), 0) AS ${key}_frac`];
}

/** Turns the profile query's single row (with any exact widths merged over its bounds) into a ColumnProfile. */
export function readProfile(row: Record<string, unknown>, file: FileImport, refundColumn?: string | null): ColumnProfile {
  const decimals: ColumnProfile['decimals'] = {};
  for (const [key] of numericColumns(file, refundColumn)) {
    decimals[key] = decimalType(Number(row[`${key}_int`]), Number(row[`${key}_frac`]));
  }
  const present = Number(row.ids_present ?? 0);
  const attributesWithEmpties = lineAttributes(file)
    .filter((_, i) => !provedFilled(row[`attribute_stats_${i}`]))
    .map((a) => a.name);
  return {
    floatIds: present > 0 && Number(row.ids_float) === present,
    paddedIds: Number(row.ids_padded ?? 0) > 0,
    paddedOrderIds: row.order_ids_padded == null || Number(row.order_ids_padded) > 0,
    decimals,
    attributesWithEmpties,
  };
}

/** Statistics text that says the column has no NULL: anything else (another wording included) may have one. */
function provedFilled(stats: unknown): boolean {
  return typeof stats === 'string' && stats.includes('[Has Null: false,');
}

/** A transactions file's attributes, which its orders take from their lines; none in a customers file. */
function lineAttributes(file: FileImport): { source: string; name: string }[] {
  return file.kind === 'transactions' ? attributeNames(file) : [];
}

/**
 * Whether clean-up can turn some id into another text (spaces trimmed, case folded, `.0` stripped
 * or an e-mail taken out): only then can it merge ids. A fallback column is apart: it fills empty ids.
 */
export function idsMayMerge(spec: Pick<ImportSpec, 'ids'>, profile: Pick<ColumnProfile, 'paddedIds' | 'floatIds'>): boolean {
  return (spec.ids.trim && profile.paddedIds) || spec.ids.lowerCase || profile.floatIds || spec.ids.extractEmail === true;
}

/** Whether a file's empty ids are filled from the spec's fallback column. */
export function hasFallback(file: Pick<FileImport, 'columns'>, spec: Pick<ImportSpec, 'ids'>): boolean {
  const fallback = spec.ids.fallbackColumn;
  return !!fallback && file.columns.some((c) => c.name === fallback);
}

/** An e-mail address inside text (`Ann Lee (ann@example.com)`, `<ann@example.com>`, a list). */
const EMAIL = String.raw`[^\s<>()\[\],;:"']+@[^\s<>()\[\],;:"']+`;

/**
 * The customer id as text, cleaned as the spec says; NULL when empty. With `extractEmail` the id
 * is the first e-mail address in the text; with a fallback column present in the file, that
 * column's value (trimmed, and lower-cased when ids are) stands in for an empty id. Ids the
 * profile found without spaces around them are their own trimmed text: read as they are, without
 * a test per record.
 */
export function customerIdExpr(
  col: string,
  spec: Pick<ImportSpec, 'ids'>,
  profile: Pick<ColumnProfile, 'floatIds' | 'paddedIds'>,
  file?: Pick<FileImport, 'columns'>,
): string {
  let v = ident(col);
  if (spec.ids.trim && profile.paddedIds) v = trimSql(v);
  if (profile.floatIds) v = `regexp_replace(${v}, '\\.0+$', '')`;
  if (spec.ids.extractEmail) v = `regexp_extract(${v}, ${literal(EMAIL)}, 0)`;
  if (spec.ids.lowerCase) v = `lower(${v})`;
  const fallback = spec.ids.fallbackColumn;
  if (!fallback || fallback === col || !file?.columns.some((c) => c.name === fallback)) return `nullif(${v}, '')`;
  const other = spec.ids.lowerCase ? `lower(trim(${ident(fallback)}))` : `trim(${ident(fallback)})`;
  return `coalesce(nullif(${v}, ''), nullif(${other}, ''))`;
}
