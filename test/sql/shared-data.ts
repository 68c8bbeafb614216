import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import path from 'node:path';

/** ../shared beside the project root; tests that need it skip with a message when it is absent. */
export const SHARED = path.resolve(import.meta.dirname, '../../../shared');
export const hasShared = existsSync(path.join(SHARED, 'data'));

export function sharedBytes(relative: string): Uint8Array {
  const bytes = readFileSync(path.join(SHARED, relative));
  return relative.endsWith('.gz') ? gunzipSync(bytes) : bytes;
}
