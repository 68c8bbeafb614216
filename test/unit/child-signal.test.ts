import { expect, test } from 'vitest';
import { childController } from '../../src/lib/child-signal.ts';

test('a child signal aborts with its parent’s reason, at once when the parent already has, and alone when told', () => {
  const parent = new AbortController();
  const { controller: child } = childController(parent.signal);
  child.abort({ kind: 'give-way' });
  expect(parent.signal.aborted).toBe(false);
  const { controller: sibling } = childController(parent.signal);
  parent.abort({ kind: 'cancelled' });
  expect(sibling.signal.reason).toEqual({ kind: 'cancelled' });
  expect(childController(parent.signal).controller.signal.reason).toEqual({ kind: 'cancelled' });
});

test('a released child no longer follows its parent', () => {
  const parent = new AbortController();
  const { controller, release } = childController(parent.signal);
  release();
  parent.abort({ kind: 'cancelled' });
  expect(controller.signal.aborted).toBe(false);
});
