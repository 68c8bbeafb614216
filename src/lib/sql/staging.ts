import type { FileImport, ImportSpec } from '../spec/import.ts';
import { attributeNames, columnFor, hasAmountSource } from './columns.ts';
import { customerIdExpr, type ColumnProfile } from './profile.ts';
import { ident, literal, literalList } from './quote.ts';
import { DATE_FORMAT_LABELS, decimalFromText, timestampFromText } from './values.ts';

/**
 * Types a raw transactions table and judges every record: `outcome` is loaded, rejected (a value
 * that cannot be read, with `reason` naming it) or excluded (`reason` = the first cleaning rule that
 * matches, in the spec's order). No record leaves this table: accounting reads it.
 */
export function stageTransactionsSql(raw: string, staged: string, file: FileImport, spec: ImportSpec, profile: ColumnProfile): string {
  const col = (role: Parameters<typeof columnFor>[1]) => columnFor(file, role);
  const text = (c: string) => `nullif(trim(${ident(c)}), '')`;
  const number = (c: string, type: string) => decimalFromText(ident(c), file.parse.decimalMark, type);

  const idCol = col('customer_id');
  const orderCol = col('order_id');
  const dateCol = col('order_date');
  const amountCol = col('amount');
  const qtyCol = col('quantity');
  const priceCol = col('unit_price');
  const statusCol = col('status');
  const currencyCol = col('currency');
  if (!dateCol) throw new Error('invalid mapping: no order date column');
  if (!hasAmountSource(file)) {
    throw new Error('invalid mapping: map an amount column, or quantity and unit price');
  }

  const rawTexts = { date: dateCol, quantity: qtyCol, unit_price: priceCol, amount: amountCol };
  const typed: string[] = [
    'rowid + 1 AS rec_no',
    ...Object.entries(rawTexts)
      .filter(([, c]) => c)
      .map(([role, c]) => `${text(c!)} AS ${ident('raw_' + role)}`),
    `${idCol ? customerIdExpr(idCol, spec, profile.floatIds) : 'NULL::VARCHAR'} AS customer_id`,
    `${orderCol ? text(orderCol) : 'CAST(rowid + 1 AS VARCHAR)'} AS order_id`,
    `${timestampFromText(ident(dateCol), file.parse.dateFormat)} AS order_date`,
    `${qtyCol ? number(qtyCol, profile.decimals.quantity!) : 'NULL'} AS quantity`,
    `${priceCol ? number(priceCol, profile.decimals.unit_price!) : 'NULL'} AS unit_price`,
    `${amountCol ? number(amountCol, profile.decimals.amount!) : 'NULL'} AS given_amount`,
    `${statusCol ? text(statusCol) : 'NULL::VARCHAR'} AS status`,
    `${currencyCol ? `upper(${text(currencyCol)})` : 'NULL::VARCHAR'} AS currency`,
    ...attributeNames(file).map((a) => `${ident(a.source)} AS ${ident(a.name)}`),
  ];
  if (spec.cleaning.duplicates) {
    const all = file.columns.map((c) => ident(c.name)).join(', ');
    typed.push(`row_number() OVER (PARTITION BY ${all} ORDER BY rowid) AS copy_no`);
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
  const cancel = spec.cleaning.cancelled;
  const cancelConds: string[] = [];
  if (cancel.enabled && cancel.orderIdPrefix && orderCol) {
    cancelConds.push(`starts_with(upper(coalesce(order_id, '')), ${literal(cancel.orderIdPrefix.toUpperCase())})`);
  }
  if (cancel.enabled && cancel.statusValues.length > 0 && statusCol) {
    cancelConds.push(`lower(coalesce(status, '')) IN (SELECT unnest(${literalList(cancel.statusValues.map((s) => s.toLowerCase()))}))`);
  }
  if (cancelConds.length) excluded('cancelled', cancelConds.join(' OR '));
  if (spec.cleaning.currency && currencyCol) {
    excluded('other_currency', `currency IS DISTINCT FROM ${literal(spec.cleaning.currency.toUpperCase())}`);
  }
  rejected('raw_date IS NULL', literal('order date is empty'));
  rejected(
    'order_date IS NULL',
    `'order date ' || ${quoted('date')} || ${literal(` is not a ${DATE_FORMAT_LABELS[file.parse.dateFormat]} date`)}`,
  );
  if (qtyCol) unreadable('quantity', 'quantity', Boolean(amountCol));
  if (priceCol && !amountCol) unreadable('unit_price', 'unit price');
  if (amountCol) unreadable('amount', 'amount', spec.amountLevel === 'order');
  if (spec.cleaning.returns) excluded('returns', 'quantity <= 0 OR amount < 0');
  if (spec.cleaning.zeroAmount) excluded('zero_amount', 'amount = 0');
  if (spec.cleaning.duplicates) excluded('duplicate', 'copy_no > 1');

  // `amount` must exist before the rules that read it; the unreadable check compares raw to parsed.
  const amount = amountCol ? 'given_amount' : 'quantity * unit_price';
  const dropped = Object.entries(rawTexts)
    .filter(([, c]) => c)
    .map(([role]) => 'raw_' + role);
  if (spec.cleaning.duplicates) dropped.push('copy_no');
  return `CREATE OR REPLACE TABLE ${ident(staged)} AS
WITH typed AS (
  SELECT ${typed.join(',\n    ')}
  FROM ${ident(raw)}
), priced AS (
  SELECT * EXCLUDE (given_amount), ${amount} AS amount FROM typed
)
SELECT * EXCLUDE (${dropped.join(', ')}), CASE ${reasons.join('\n  ')} END AS reason
FROM priced`;
}

/** A customers file: one row per id, attributes as text; records without an id are excluded. */
export function stageCustomersSql(raw: string, staged: string, file: FileImport, spec: ImportSpec, profile: ColumnProfile): string {
  const idCol = columnFor(file, 'customer_id');
  if (!idCol) throw new Error('invalid mapping: the customers file needs a customer id column');
  const attrs = attributeNames(file).map((a) => `${ident(a.source)} AS ${ident(a.name)}`);
  return `CREATE OR REPLACE TABLE ${ident(staged)} AS
WITH typed AS (
  SELECT rowid + 1 AS rec_no, ${customerIdExpr(idCol, spec, profile.floatIds)} AS customer_id${attrs.length ? ', ' + attrs.join(', ') : ''}
  FROM ${ident(raw)}
)
SELECT *, CASE
  WHEN customer_id IS NULL THEN 'excluded:no_customer_id'
  WHEN row_number() OVER (PARTITION BY customer_id ORDER BY rec_no) > 1 THEN 'excluded:duplicate_customer'
END AS reason
FROM typed`;
}

/** Ids that appear more than once in a staged customers file, most repeated first. */
export function duplicateCustomersSql(staged: string, limit: number): string {
  return `SELECT customer_id, count(*) AS records, (SELECT count(*) FROM (SELECT customer_id FROM ${ident(staged)} WHERE customer_id IS NOT NULL GROUP BY 1 HAVING count(*) > 1)) AS total_ids
FROM ${ident(staged)} WHERE customer_id IS NOT NULL
GROUP BY customer_id HAVING count(*) > 1 ORDER BY records DESC, customer_id LIMIT ${Math.trunc(limit)}`;
}
