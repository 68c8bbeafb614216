/**
 * Why a running statement was stopped: the user's Cancel, the time limit for SQL nobody asked to run,
 * or an analysis the user asked for, which work that only reads gives way to (and then runs again).
 */
export type StopReason = { kind: 'cancelled' } | { kind: 'time-limit'; ms: number } | { kind: 'give-way' };

/**
 * The time limit for SQL that runs without the user asking for it (SQL segments from a link or a
 * template, counted as they arrive): a statement running longer is stopped, not left to block the engine.
 */
export const AUTOMATIC_SQL_LIMIT_MS = 10_000;

/** What the page says about a stopped statement; the earlier results stay on screen. */
export function stoppedMessage(reason: StopReason): string {
  if (reason.kind === 'time-limit') {
    return `Stopped after ${formatSeconds(reason.ms)}: SQL that runs without being asked (a segment's SQL, counted as it arrives) has a time limit of ${formatSeconds(reason.ms)}. Simplify the SQL, or run it in the SQL console, where only you stop it.`;
  }
  if (reason.kind === 'give-way') return 'Stopped to let an analysis run first; it runs again after it.';
  return 'Cancelled: stopped before it finished.';
}

function formatSeconds(ms: number): string {
  const seconds = ms / 1000;
  return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)} s`;
}
