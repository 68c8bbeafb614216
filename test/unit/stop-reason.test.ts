import { expect, test } from 'vitest';
import { AUTOMATIC_SQL_LIMIT_MS, stoppedMessage } from '../../src/lib/stop-reason.ts';

test('a stopped statement says why: the time limit in seconds (10 s by default), the Cancel, or an analysis given way to', () => {
  expect(AUTOMATIC_SQL_LIMIT_MS).toBe(10_000);
  expect(stoppedMessage({ kind: 'time-limit', ms: AUTOMATIC_SQL_LIMIT_MS })).toMatch(/^Stopped after 10 s: .* time limit of 10 s\./);
  expect(stoppedMessage({ kind: 'time-limit', ms: 2_500 })).toMatch(/^Stopped after 2\.5 s:/);
  expect(stoppedMessage({ kind: 'cancelled' })).toBe('Cancelled: stopped before it finished.');
  expect(stoppedMessage({ kind: 'give-way' })).toBe('Stopped to let an analysis run first; it runs again after it.');
});
