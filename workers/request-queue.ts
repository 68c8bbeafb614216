import type { Checkpoint } from '../src/lib/segments/run-segments.ts';
import { childController } from '../src/lib/child-signal.ts';
import type { StopReason } from '../src/lib/stop-reason.ts';

/**
 * One request at a time: a streamed query interleaved with another statement on the same
 * connection loses its rows, and an import must not race an analysis of the tables it replaces.
 * Interactive work (an analysis setting changed, a member count as the user edits) goes before queued
 * background work (analyses, profiles, pages), so a count never waits behind more than the one
 * statement already running; and an analysis does not wait even for that one when it is work that
 * only reads (see `Request.rerunnable`).
 */
export type Lane = 'interactive' | 'background';
const lanes: Record<Lane, (() => void)[]> = { interactive: [], background: [] };
let running = false;
/** The controllers of requests the page may cancel, by the ticket the page gave them. */
const tickets = new Map<string, AbortController>();

/** Set while a request runs: ends it with another outcome (see `abandonRunning`). */
let abandonCurrent: ((outcome: Promise<never>) => void) | null = null;
/** Set while a re-runnable request runs: stops its running statement, so that it gives way and runs again later. */
let stopCurrent: (() => void) | null = null;

/** Thrown at a checkpoint of background work when interactive work is waiting. */
export class GiveWay extends Error {}

/** Long background work calls this between statements: it stops for waiting interactive work, to be run again after it. */
export const checkpoint: Checkpoint = () => {
  if (lanes.interactive.length > 0) throw new GiveWay();
};

/** Whether a request waits in either lane: work that is only ever a gain (the engine's warm-up) ends for it. */
export const requestsWaiting = (): boolean => lanes.interactive.length + lanes.background.length > 0;

export interface Request {
  lane?: Lane;
  /** What the page cancels it by. */
  ticket?: string;
  /**
   * Work that only reads (segment work, the customer story, the export preview): a request that
   * `preempts` stops its running statement, and it runs again from the start after the queued
   * interactive work.
   */
  rerunnable?: boolean;
  /**
   * An analysis: the user changed a setting, and every table these reads use is about to be
   * replaced, so re-runnable work running now is stopped rather than waited for (at 5M rows the
   * export preview after an analysis took 2.2 s, the snapshot of `customers` about 0.5 s).
   */
  preempts?: boolean;
}

/**
 * `work` gets its request's signal: `cancel(ticket)` aborts it, whether the request waits in a lane or
 * runs (its running statement is then stopped). Work that runs again after giving way gets a fresh signal.
 */
export function exclusive<T>(work: (signal: AbortSignal) => Promise<T>, request: Request = {}): Promise<T> {
  const { lane = 'background', ticket, rerunnable = false, preempts = false } = request;
  const controller = new AbortController();
  if (ticket) tickets.set(ticket, controller);
  return new Promise<T>((resolveWork, rejectWork) => {
    const job = () => {
      // Settles only if the engine is restarted under this request: it then ends with the restart's outcome.
      const abandoned = new Promise<never>((_, reject) => (abandonCurrent = (outcome) => void outcome.catch(reject)));
      // Each attempt has its own signal: the request's Cancel reaches it, and a stop to give way ends only this attempt.
      const { controller: attempt, release } = childController(controller.signal);
      if (rerunnable) stopCurrent = () => attempt.abort({ kind: 'give-way' } satisfies StopReason);
      // Stopped to give way, work may still resolve (a segment's count reports a failed statement as
      // its outcome): whatever it ended with, it ran on stopped statements, so it runs again.
      const gaveWay = () => (attempt.signal.reason as StopReason | undefined)?.kind === 'give-way' && !controller.signal.aborted;
      const runAgain = () => lanes.background.unshift(job);
      Promise.race([work(attempt.signal), abandoned])
        .then(
          (v) => (gaveWay() ? runAgain() : (forget(ticket), resolveWork(v))),
          (e) => (e instanceof GiveWay || gaveWay() ? runAgain() : (forget(ticket), rejectWork(e))),
        )
        .finally(() => {
          release();
          abandonCurrent = null;
          stopCurrent = null;
          runNext();
        });
    };
    lanes[lane].push(job);
    if (!running) runNext();
    else if (preempts) stopCurrent?.();
  });
}

function forget(ticket: string | undefined): void {
  if (ticket) tickets.delete(ticket);
}

function runNext(): void {
  const job = lanes.interactive.shift() ?? lanes.background.shift();
  running = job !== undefined;
  job?.();
}

/**
 * Ends the running request with `outcome` (a restart of the engine, which rejects with what to tell
 * the page), whatever its own statements still wait for; the next request waits for `outcome`.
 * False when nothing runs.
 */
export function abandonRunning(outcome: () => Promise<never>): boolean {
  const abandon = abandonCurrent;
  abandonCurrent = null;
  abandon?.(outcome());
  return abandon !== null;
}

/** Aborts the request `ticket` names, waiting or running; false when it had already ended. */
export function cancelTicket(ticket: string): boolean {
  const controller = tickets.get(ticket);
  controller?.abort({ kind: 'cancelled' } satisfies StopReason);
  return controller !== undefined;
}
