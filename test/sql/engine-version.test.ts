import { expect, test } from 'vitest';
import { openNativeDb } from '../../src/cli/native-db.ts';
import { openEngine } from './engine.ts';

test('native DuckDB (benchmark, CLI) runs the same engine version as the wasm build', async () => {
  const wasm = await openEngine();
  const native = await openNativeDb(1);
  const [row] = await wasm.rows('SELECT version() AS v');
  expect(await native.version()).toBe(row.v);
  expect(row.v).toBe('v1.4.3');
  native.close();
});
