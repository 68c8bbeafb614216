import { columnFor } from '../sql/columns.ts';
import type { FileImport, ImportSpec } from '../spec/import.ts';
import type { SourcePreset } from './preset.ts';

const has = (file: FileImport, name: string | null | undefined): name is string => !!name && file.columns.some((c) => c.name === name);
const lower = (values: readonly string[]) => new Set(values.map((v) => v.trim().toLowerCase()));

/** Who a record belongs to, as the current settings read it. */
function customerText(file: FileImport, spec: ImportSpec): string | null {
  const id = columnFor(file, 'customer_id');
  if (!id) return null;
  const ids = spec.ids;
  let text = ids.extractEmail ? `the e-mail in ${id}` : id;
  if (has(file, ids.fallbackColumn)) text += `, else ${ids.fallbackColumn}`;
  return `customer = ${text}${ids.lowerCase ? ' (lower-cased)' : ''}`;
}

function amountText(file: FileImport, spec: ImportSpec): string | null {
  const amount = columnFor(file, 'amount');
  const qty = columnFor(file, 'quantity');
  const price = columnFor(file, 'unit_price');
  const gross = amount ?? (qty && price ? `${qty} × ${price}` : null);
  if (!gross) return null;
  const refund = has(file, spec.cleaning.refundColumn) ? ` − ${spec.cleaning.refundColumn}` : '';
  return `amount = ${gross}${refund} ${spec.amountLevel === 'order' ? 'per order' : 'per line'}`;
}

/**
 * What a recognised file's settings do, in one line — read from the current settings, so that it
 * stays true when a person changes one: "customer = Email (lower-cased), amount = Total − Refunded
 * Amount per order, kept: paid, …; excluded: pending, …, and orders with Cancelled at".
 */
export function describeSettings(file: FileImport, spec: ImportSpec, preset: SourcePreset): string {
  const parts = [customerText(file, spec)];
  if (file.kind === 'customers') {
    const others = file.columns.filter((c) => c.role !== 'customer_id' && c.role !== 'ignore').length;
    parts.push(`a customers file: its ${others} other columns are attributes`);
    return parts.filter(Boolean).join(', ');
  }
  parts.push(amountText(file, spec));
  const c = spec.cleaning;
  if (c.fillDown && columnFor(file, 'order_id')) parts.push(`order fields copied to every line of their order`);
  const kept: string[] = [];
  const excluded: string[] = [];
  for (const rule of c.keepOnly ?? []) {
    if (!has(file, rule.column) || rule.values.length === 0) continue;
    kept.push(`${rule.values.join(', ')} (${rule.column})`);
    const keep = lower(rule.values);
    const others = (preset.otherValues?.[rule.column] ?? []).filter((v) => !keep.has(v.toLowerCase()));
    if (others.length) excluded.push(`${others.join(', ')} (${rule.column})`);
  }
  if (c.cancelled.enabled && has(file, c.cancelled.filledColumn)) excluded.push(`records with ${c.cancelled.filledColumn}`);
  if (c.cancelled.enabled && c.cancelled.statusValues.length && columnFor(file, 'status'))
    excluded.push(c.cancelled.statusValues.join(', '));
  if (c.netReturns) parts.push('returns subtracted from the spend');
  let text = parts.filter(Boolean).join(', ');
  if (kept.length) text += `; kept: ${kept.join('; ')}`;
  if (excluded.length) text += `; excluded: ${excluded.join(', ')}`;
  if (preset.note) text += ` (${preset.note})`;
  return text;
}
