import { expect, test } from 'vitest';
import { cancelTicket, exclusive } from '../../workers/request-queue.ts';
import type { StopReason } from '../../src/lib/stop-reason.ts';

/**
 * A statement that runs until `finish` is called, or ends as a stopped statement does when its
 * signal aborts (rejects, or resolves with the failure as its outcome). `log` records each start,
 * and how each attempt ended.
 */
function statement(name: string, log: string[], stopped: 'rejects' | 'reports' = 'rejects') {
  let finish = () => {};
  const run = (signal: AbortSignal) =>
    new Promise<string>((resolve, reject) => {
      log.push(`${name} starts`);
      finish = () => resolve(name);
      signal.addEventListener('abort', () => {
        log.push(`${name} stopped: ${(signal.reason as StopReason).kind}`);
        // A segment's count reports its failed statement as the segment's outcome.
        if (stopped === 'reports') resolve(`${name}: invalid, the statement was stopped`);
        else reject(new Error('query was canceled'));
      });
    });
  return { run, finish: () => finish() };
}

const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

test('an analysis stops the re-runnable work that runs, goes first, and that work then runs again and resolves as if never stopped', async () => {
  const log: string[] = [];
  const snapshot = statement('snapshot', log);
  const analysis = statement('analysis', log);
  const counted = exclusive(snapshot.run, { lane: 'interactive', rerunnable: true });
  await settled();
  const analysed = exclusive(analysis.run, { lane: 'interactive', preempts: true });
  await settled();
  expect(log).toEqual(['snapshot starts', 'snapshot stopped: give-way', 'analysis starts']);

  analysis.finish();
  await expect(analysed).resolves.toBe('analysis');
  await settled();
  expect(log.at(-1)).toBe('snapshot starts');
  snapshot.finish();
  await expect(counted).resolves.toBe('snapshot');
});

test('work that reports the stop as its outcome, as a segment count does, runs again too: the page never sees the stop', async () => {
  const log: string[] = [];
  const count = statement('count', log, 'reports');
  const analysis = statement('analysis', log);
  const counted = exclusive(count.run, { lane: 'interactive', rerunnable: true });
  await settled();
  const analysed = exclusive(analysis.run, { lane: 'interactive', preempts: true });
  await settled();
  analysis.finish();
  await analysed;
  await settled();
  count.finish();
  await expect(counted).resolves.toBe('count');
  expect(log).toEqual(['count starts', 'count stopped: give-way', 'analysis starts', 'count starts']);
});

test('work that is not re-runnable (an export, an import) is waited for, not stopped', async () => {
  const log: string[] = [];
  const exported = statement('export', log);
  const analysis = statement('analysis', log);
  const writing = exclusive(exported.run, { ticket: 'export-1' });
  await settled();
  const analysed = exclusive(analysis.run, { lane: 'interactive', preempts: true });
  await settled();
  expect(log).toEqual(['export starts']);
  exported.finish();
  await expect(writing).resolves.toBe('export');
  await settled();
  analysis.finish();
  await expect(analysed).resolves.toBe('analysis');
  expect(log).toEqual(['export starts', 'analysis starts']);
});

test('re-runnable work does not stop for interactive work that does not preempt, and the Cancel of it still ends it', async () => {
  const log: string[] = [];
  const profile = statement('profile', log);
  const count = statement('count', log);
  const profiled = exclusive(profile.run, { rerunnable: true, ticket: 'profile-1' });
  await settled();
  const counted = exclusive(count.run, { lane: 'interactive', rerunnable: true });
  await settled();
  expect(log).toEqual(['profile starts']);

  expect(cancelTicket('profile-1')).toBe(true);
  await expect(profiled).rejects.toThrow('query was canceled');
  await settled();
  count.finish();
  await expect(counted).resolves.toBe('count');
  expect(log).toEqual(['profile starts', 'profile stopped: cancelled', 'count starts']);
});

test('work stopped to give way runs again after the interactive work queued before it, ahead of older background work', async () => {
  const log: string[] = [];
  const segments = statement('segments', log);
  const analysis = statement('analysis', log);
  const count = statement('count', log);
  const page = statement('page', log);
  const analysedSegments = exclusive(segments.run, { rerunnable: true });
  await settled();
  const paged = exclusive(page.run);
  const counted = exclusive(count.run, { lane: 'interactive', rerunnable: true });
  const analysed = exclusive(analysis.run, { lane: 'interactive', preempts: true });
  await settled();
  for (const work of [count, analysis, segments, page]) {
    work.finish();
    await settled();
  }
  await Promise.all([analysedSegments, paged, counted, analysed]);
  expect(log).toEqual([
    'segments starts',
    'segments stopped: give-way',
    'count starts',
    'analysis starts',
    'segments starts',
    'page starts',
  ]);
});
