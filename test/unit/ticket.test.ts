import { expect, test } from 'vitest';
import { newTicket } from '../../src/lib/ticket.ts';

test('tickets are unique within the page, with no secure-context API behind them', () => {
  const tickets = Array.from({ length: 1_000 }, newTicket);
  expect(new Set(tickets).size).toBe(1_000);
});
