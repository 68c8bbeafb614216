import { expect, test } from 'vitest';
import type { Remote } from 'comlink';
import type { DbApi } from '../../workers/db-api.ts';
import { ExportRun } from '../../src/lib/state/export-run.svelte.ts';

test('one export at a time: a second is refused, so Cancel stops the one that is running', async () => {
  const cancelled: string[] = [];
  const db = { cancel: async (ticket: string) => (cancelled.push(ticket), true) } as unknown as Remote<DbApi>;
  const run = new ExportRun(db);
  let finish!: () => void;
  let firstTicket = '';
  const first = run.run(async (write, ticket) => {
    firstTicket = ticket;
    await write('a\r\n', 1);
    await new Promise<void>((resolve) => (finish = resolve));
    return { rows: 1, notes: [] };
  });
  await expect(run.run(async () => ({ rows: 0, notes: [] }))).rejects.toThrow(/Another export is being written/);
  run.cancel();
  expect(cancelled).toEqual([firstTicket]);
  finish();
  const file = await first;
  expect(await file.blob.text()).toBe('a\r\n');
  expect(run.running).toBe(false);
});
