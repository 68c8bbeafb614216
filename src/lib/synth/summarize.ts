import { parseCents } from './money.ts';

/** What a transactions file holds, measured from its text. */
export interface TransactionSummary {
  rows: number;
  invoices: number;
  /** Distinct non-empty customer ids. */
  customers: number;
  missingIds: number;
  cancelledRows: number;
  returnRows: number;
  zeroPriceRows: number;
  /** Rows identical to an earlier row. */
  duplicateRows: number;
  /** Customers whose completed purchases span one invoice. */
  oneTimeCustomers: number;
  /** Completed revenue in cents, identified customers only. */
  revenueCents: number;
  /** Share of that revenue brought by the top 20 % of those customers. */
  top20Share: number;
}

/**
 * Summarises a transactions CSV given as chunks that end at line ends. Holds every distinct row,
 * so it is for samples and tests, not for benchmark-sized files.
 */
export function summarizeTransactions(chunks: Iterable<string>): TransactionSummary {
  const seen = new Set<string>();
  const invoices = new Set<string>();
  const customers = new Set<string>();
  const revenue = new Map<string, number>();
  const orders = new Map<string, Set<string>>();
  const s = {
    rows: 0,
    missingIds: 0,
    cancelledRows: 0,
    returnRows: 0,
    zeroPriceRows: 0,
    duplicateRows: 0,
  };
  let header = true;
  for (const chunk of chunks) {
    for (const line of chunk.split('\n')) {
      if (line === '') continue;
      if (header) {
        header = false;
        continue;
      }
      s.rows++;
      if (seen.has(line)) s.duplicateRows++;
      else seen.add(line);
      const [invoice, customer, , , quantity, unitPrice, amount, , , , status] = line.split(',');
      invoices.add(invoice);
      if (customer === '') s.missingIds++;
      else customers.add(customer);
      if (status === 'cancelled') s.cancelledRows++;
      if (Number(quantity) < 0) s.returnRows++;
      if (unitPrice === '0.00') s.zeroPriceRows++;
      if (customer === '' || status !== 'completed') continue;
      revenue.set(customer, (revenue.get(customer) ?? 0) + parseCents(amount));
      const own = orders.get(customer) ?? new Set<string>();
      own.add(invoice);
      orders.set(customer, own);
    }
  }
  const values = [...revenue.values()].sort((a, b) => b - a);
  const revenueCents = values.reduce((sum, v) => sum + v, 0);
  const top = values.slice(0, Math.ceil(values.length * 0.2)).reduce((sum, v) => sum + v, 0);
  return {
    ...s,
    invoices: invoices.size,
    customers: customers.size,
    oneTimeCustomers: [...orders.values()].filter((o) => o.size === 1).length,
    revenueCents,
    top20Share: revenueCents > 0 ? top / revenueCents : 0,
  };
}
