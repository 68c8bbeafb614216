import type { FileImport, ImportSpec, Role } from '../spec/import.ts';
import { CONTACT_ROLES } from '../spec/import.ts';
import { attributeNames, CONTACT_COLUMN, columnFor, hasAmountSource } from './columns.ts';
import { customerIdExpr, hasFallback, idsMayMerge, type ColumnProfile } from './profile.ts';
import { filledColumns, ROW, sourceSql } from './fill-down.ts';
import { ident, literal, literalList } from './quote.ts';
import { DATE_FORMAT_LABELS, decimalFromText, timestampFromText } from './values.ts';
import { textSql } from './trim.ts';

/**
 * Whether a transactions file's staged table leaves its attributes in the raw table, for
 * order_lines to take by position (orderLinesSql): copying them was a quarter of staging. That
 * needs the staged rows to be the raw rows in their order, which a table built from a plain scan
 * keeps (DuckDB preserves insertion order) and a window does not: filling down (which also rewrites
 * columns) and the duplicate rule's count of copies are windows, and keep the copy.
 */
export function attributesStayRaw(file: FileImport, spec: ImportSpec): boolean {
  return !spec.cleaning.duplicates && filledColumns(file, spec).length === 0;
}

/** A column order_lines reads from a file's raw table: its name there, and the SQL that reads it. */
export interface RawColumn {
  name: string;
  sql: string;
}

/**
 * The texts of a transactions file that order_lines reads from its raw table, as it reads the
 * attributes, instead of from a copy staging makes: copying a column of short texts costs about
 * what typing one does (1M ids: 85 ms in the browser's engine). The customer id when clean-up
 * changes no id and no fallback fills one, and the order id when none has spaces around it: then
 * a loaded record's id is its raw text, which keeps the raw column's statistics (a group by the
 * ids packs short ones into integers). The status and contacts are read with textSql, as staging
 * reads them.
 */
export function textsStayingRaw(file: FileImport, spec: ImportSpec, profile: ColumnProfile): RawColumn[] {
  if (!attributesStayRaw(file, spec)) return [];
  const texts: RawColumn[] = [];
  const id = columnFor(file, 'customer_id');
  if (id && !idsMayMerge(spec, profile) && !hasFallback(file, spec)) texts.push({ name: 'customer_id', sql: ident(id) });
  const order = columnFor(file, 'order_id');
  if (order && !profile.paddedOrderIds) texts.push({ name: 'order_id', sql: ident(order) });
  const roles: [Role, string][] = [['status', 'status'], ...CONTACT_ROLES.map((r): [Role, string] => [r, CONTACT_COLUMN[r]])];
  for (const [role, name] of roles) {
    const source = columnFor(file, role);
    if (source) texts.push({ name, sql: textSql(ident(source)) });
  }
  return texts;
}

/**
 * Types a raw transactions table and judges every record: `outcome` is loaded, rejected (a value
 * that cannot be read, with `reason` naming it) or excluded (`reason` = the first cleaning rule that
 * matches, in the spec's order). No record leaves this table: accounting reads it. The texts
 * textsStayingRaw names are read by the rules but not kept.
 */
export function stageTransactionsSql(raw: string, staged: string, file: FileImport, spec: ImportSpec, profile: ColumnProfile): string {
  const col = (role: Parameters<typeof columnFor>[1]) => columnFor(file, role);
  const has = (name: string | null | undefined): name is string => !!name && file.columns.some((c) => c.name === name);
  const text = (c: string) => textSql(ident(c));
  const number = (c: string, type: string) => decimalFromText(ident(c), file.parse.decimalMark, type);
  const cleaning = spec.cleaning;
  const net = cleaning.netReturns === true;

  const idCol = col('customer_id');
  const orderCol = col('order_id');
  const dateCol = col('order_date');
  const amountCol = col('amount');
  const qtyCol = col('quantity');
  const priceCol = col('unit_price');
  const statusCol = col('status');
  const currencyCol = col('currency');
  const refundCol = has(cleaning.refundColumn) ? cleaning.refundColumn : undefined;
  const cancelCol = cleaning.cancelled.enabled && has(cleaning.cancelled.filledColumn) ? cleaning.cancelled.filledColumn : undefined;
  const keepRules = (cleaning.keepOnly ?? []).filter((k) => has(k.column) && k.values.length > 0);
  if (!dateCol) throw new Error('invalid mapping: no order date column');
  if (!hasAmountSource(file)) {
    throw new Error('invalid mapping: map an amount column, or quantity and unit price');
  }

  // Order ids the profile proved clean (no spaces around them, all ASCII, none empty) are their
  // own trimmed text: read as they are, without a test per record (customerIdExpr does the same).
  const orderId = (c: string) => (profile.paddedOrderIds ? text(c) : ident(c));

  const rawTexts = { date: dateCol, quantity: qtyCol, unit_price: priceCol, amount: amountCol, refund: refundCol };
  // Read by the rules, then dropped: the kept-values test, the cancelled mark and the refund.
  const helpers: string[] = [];
  const typed: string[] = [
    `${ROW} + 1 AS rec_no`,
    ...Object.entries(rawTexts)
      .filter(([, c]) => c)
      .map(([role, c]) => `${text(c!)} AS ${ident('raw_' + role)}`),
    `${idCol ? customerIdExpr(idCol, spec, profile, file) : 'NULL::VARCHAR'} AS customer_id`,
    `${orderCol ? orderId(orderCol) : `CAST(${ROW} + 1 AS VARCHAR)`} AS order_id`,
    `${timestampFromText(ident(dateCol), file.parse.dateFormat)} AS order_date`,
    `${qtyCol ? number(qtyCol, profile.decimals.quantity!) : 'NULL'} AS quantity`,
    `${priceCol ? number(priceCol, profile.decimals.unit_price!) : 'NULL'} AS unit_price`,
    `${amountCol ? number(amountCol, profile.decimals.amount!) : 'NULL'} AS given_amount`,
    `${statusCol ? text(statusCol) : 'NULL::VARCHAR'} AS status`,
    `${currencyCol ? `upper(${text(currencyCol)})` : 'NULL::VARCHAR'} AS currency`,
    ...(attributesStayRaw(file, spec) ? [] : attributeNames(file).map((a) => `${ident(a.source)} AS ${ident(a.name)}`)),
    ...CONTACT_ROLES.flatMap((role) => {
      const c = col(role);
      return c ? [`${text(c)} AS ${CONTACT_COLUMN[role]}`] : [];
    }),
  ];
  if (refundCol) {
    typed.push(`${number(refundCol, profile.decimals.refund!)} AS __sw_refund`);
    helpers.push('__sw_refund');
  }
  if (keepRules.length) {
    const kept = keepRules.map(
      (k) => `lower(coalesce(${text(k.column)}, '')) IN (SELECT unnest(${literalList(k.values.map((v) => v.trim().toLowerCase()))}))`,
    );
    typed.push(`(${kept.join(' AND ')}) AS __sw_kept`);
    helpers.push('__sw_kept');
  }
  if (cancelCol) {
    typed.push(`${text(cancelCol)} IS NOT NULL AS __sw_cancelled`);
    helpers.push('__sw_cancelled');
  }
  if (cleaning.duplicates) {
    const all = file.columns.map((c) => ident(c.name)).join(', ');
    typed.push(`row_number() OVER (PARTITION BY ${all} ORDER BY ${ROW}) AS copy_no`);
  }

  const reasons: string[] = [];
  const excluded = (rule: string, cond: string) => reasons.push(`WHEN ${cond} THEN 'excluded:${rule}'`);
  const rejected = (cond: string, message: string) => reasons.push(`WHEN ${cond} THEN 'rejected:' || ${message}`);
  const quoted = (role: string) => `'"' || raw_${role} || '"'`;
  const unreadable = (role: string, what: string, optional = false) => {
    if (!optional) rejected(`raw_${role} IS NULL`, literal(`${what} is empty`));
    rejected(`raw_${role} IS NOT NULL AND ${role} IS NULL`, `${literal(what + ' ')} || ${quoted(role)} || ' is not a number'`);
  };

  excluded('no_customer_id', 'customer_id IS NULL');
  if (keepRules.length) excluded('not_kept', 'NOT __sw_kept');
  const cancel = cleaning.cancelled;
  const cancelConds: string[] = [];
  // Netting returns keeps the prefixed orders (credit notes such as C536379): they are the returns.
  if (cancel.enabled && cancel.orderIdPrefix && orderCol && !net) {
    cancelConds.push(startsWithAnyCaseSql('order_id', cancel.orderIdPrefix));
  }
  if (cancel.enabled && cancel.statusValues.length > 0 && statusCol) {
    cancelConds.push(`lower(coalesce(status, '')) IN (SELECT unnest(${literalList(cancel.statusValues.map((s) => s.toLowerCase()))}))`);
  }
  if (cancelCol) cancelConds.push('__sw_cancelled');
  if (cancelConds.length) excluded('cancelled', cancelConds.join(' OR '));
  if (cleaning.currency && currencyCol) {
    excluded('other_currency', `currency IS DISTINCT FROM ${literal(cleaning.currency.toUpperCase())}`);
  }
  rejected('raw_date IS NULL', literal('order date is empty'));
  rejected(
    'order_date IS NULL',
    `'order date ' || ${quoted('date')} || ${literal(` is not a ${DATE_FORMAT_LABELS[file.parse.dateFormat]} date`)}`,
  );
  if (qtyCol) unreadable('quantity', 'quantity', Boolean(amountCol));
  if (priceCol && !amountCol) unreadable('unit_price', 'unit price');
  if (amountCol) unreadable('amount', 'amount', spec.amountLevel === 'order');
  if (refundCol) {
    rejected('raw_refund IS NOT NULL AND __sw_refund IS NULL', `'refunded amount ' || ${quoted('refund')} || ' is not a number'`);
  }
  if (cleaning.returns && !net) excluded('returns', 'quantity <= 0 OR amount < 0');
  if (cleaning.zeroAmount) excluded('zero_amount', 'amount = 0');
  if (cleaning.duplicates) excluded('duplicate', 'copy_no > 1');

  // `amount` must exist before the rules that read it; the unreadable check compares raw to parsed.
  const gross = amountCol ? 'given_amount' : 'quantity * unit_price';
  const amount = refundCol ? `${gross} - coalesce(__sw_refund, 0)` : gross;
  const dropped = Object.entries(rawTexts)
    .filter(([, c]) => c)
    .map(([role]) => 'raw_' + role);
  dropped.push(...helpers, ...textsStayingRaw(file, spec, profile).map((c) => c.name));
  if (cleaning.duplicates) dropped.push('copy_no');
  return `CREATE OR REPLACE TABLE ${ident(staged)} AS
WITH typed AS (
  SELECT ${typed.join(',\n    ')}
  FROM ${sourceSql(raw, file, spec)}
), priced AS (
  SELECT * EXCLUDE (given_amount), ${amount} AS amount FROM typed
)
SELECT * EXCLUDE (${dropped.join(', ')}), CASE ${reasons.join('\n  ')} END AS reason
FROM priced`;
}

/**
 * Whether `expr` starts with `prefix`, case ignored as `upper` ignores it (NULL for NULL). A prefix
 * of one ASCII letter (the credit notes' `C`) is tested as its two cases: upper-casing every order
 * id copied it, half the cost of this test on 1M records (37 → 18 ms in the browser's engine). Not
 * for I and S, which ı and ſ upper-case to too (the only other characters that upper-case to an
 * ASCII letter: test/sql/starts-with-any-case.test.ts).
 */
export function startsWithAnyCaseSql(expr: string, prefix: string): string {
  if (/^[A-HJ-RT-Za-hj-rt-z]$/.test(prefix)) {
    return `(starts_with(${expr}, ${literal(prefix.toUpperCase())}) OR starts_with(${expr}, ${literal(prefix.toLowerCase())}))`;
  }
  return `starts_with(upper(${expr}), ${literal(prefix.toUpperCase())})`;
}

/**
 * A customers file: each record's id and whether it is loaded, in the raw table's order, so that
 * customer_attributes takes the attributes from the raw table by position (customerAttributesSql)
 * instead of a copy through a window over every column. Records without an id are excluded, and
 * every record of a repeated id after its first (which is loaded).
 */
export function stageCustomersSql(raw: string, staged: string, file: FileImport, spec: ImportSpec, profile: ColumnProfile): string {
  const idCol = columnFor(file, 'customer_id');
  if (!idCol) throw new Error('invalid mapping: the customers file needs a customer id column');
  return `CREATE OR REPLACE TABLE ${ident(staged)} AS
WITH typed AS (
  SELECT rowid + 1 AS rec_no, ${customerIdExpr(idCol, spec, profile, file)} AS customer_id
  FROM ${ident(raw)}
), repeated AS (
  SELECT customer_id, min(rec_no) AS first_rec FROM typed WHERE customer_id IS NOT NULL GROUP BY customer_id HAVING count(*) > 1
)
SELECT t.rec_no, t.customer_id, CASE
  WHEN t.customer_id IS NULL THEN 'excluded:no_customer_id'
  WHEN t.rec_no > r.first_rec THEN 'excluded:duplicate_customer'
END AS reason
FROM typed t LEFT JOIN repeated r ON r.customer_id = t.customer_id
ORDER BY t.rec_no`;
}

/**
 * Ids that appear more than once in a staged customers file, most repeated first: those staging
 * marked as repeated, so that a file without any is not grouped again.
 */
export function duplicateCustomersSql(staged: string, limit: number): string {
  return `WITH repeated AS (SELECT DISTINCT customer_id FROM ${ident(staged)} WHERE reason = 'excluded:duplicate_customer')
SELECT customer_id, count(*) AS records, (SELECT count(*) FROM repeated) AS total_ids
FROM ${ident(staged)} WHERE customer_id IN (SELECT customer_id FROM repeated)
GROUP BY customer_id ORDER BY records DESC, customer_id LIMIT ${Math.trunc(limit)}`;
}
