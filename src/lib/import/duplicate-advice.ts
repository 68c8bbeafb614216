import type { FileImport, Role } from '../spec/import.ts';

/** Roles only an order has: a customers file that has one of them may well hold orders. */
const ORDER_ROLES: readonly Role[] = ['order_id', 'order_date', 'amount', 'quantity', 'unit_price'];
const ROLE_WORDS: Partial<Record<Role, string>> = {
  order_id: 'an order id',
  order_date: 'an order date',
  amount: 'an amount',
  quantity: 'a quantity',
  unit_price: 'a unit price',
};

/**
 * Why a customers file with repeated ids is refused, and the way out that fits the file: when its
 * columns read as an order's (an order id, a date, an amount), the repeats say each row is an order,
 * so it looks like transactions; otherwise the file or the duplicate rule needs fixing.
 */
export function duplicateCustomersMessage(file: FileImport, total: number, examples: string): string {
  const repeated = `${file.name}: ${total} customer id${total === 1 ? '' : 's'} appear more than once (${examples}).`;
  const keepFirst = 'fix the file, or choose "keep the first record of each id"';
  const orderLike = file.columns.filter((c) => ORDER_ROLES.includes(c.role));
  if (orderLike.length === 0) return `${repeated} They would multiply orders: ${keepFirst}.`;
  const has = orderLike.map((c) => `${ROLE_WORDS[c.role]} (${c.name})`).join(', ');
  return (
    `${repeated} This looks like transactions, not customers: ids that repeat, beside ${has}, are what a file of orders looks like. ` +
    `If each row is an order or an order line, load it as transactions (choose "transactions" under "This file holds"; on the command line, give it as the transactions file). ` +
    `If it does hold one row per customer, ${keepFirst}.`
  );
}
