import { describe, expect, test } from 'vitest';
import { columnsFromFiles, missingColumnOfEngineError, namedColumns, needsColumnsMessage } from '../../src/lib/segments/needed-columns.ts';
import { condition, type Rule, type SegmentDefinition } from '../../src/lib/spec/segments.ts';

const rules = (...items: Rule[]): SegmentDefinition => ({ kind: 'rules', root: { type: 'group', combine: 'and', rules: items } });
const orders = (...items: Rule[]): Rule => ({ type: 'orders', atLeast: 2, where: { type: 'group', combine: 'or', rules: items } });

describe('the columns a segment names', () => {
  const definition = rules(
    condition('loyalty_tier', 'eq', 'gold'),
    condition('monetary', 'gt', '100'),
    orders(condition('channel', 'eq', 'web'), condition('order_date', 'within_last', '30')),
    { type: 'segment', segment: 'x', name: 'X', member: true },
    { type: 'group', combine: 'or', rules: [condition('Loyalty_Tier', 'eq', 'silver'), condition('rfm_segment', 'eq', 'Champions')] },
  );

  test('each view’s columns once, in the order written; references name none', () => {
    expect(namedColumns(definition)).toEqual([
      { view: 'customers', name: 'loyalty_tier' },
      { view: 'customers', name: 'monetary' },
      { view: 'orders', name: 'channel' },
      { view: 'orders', name: 'order_date' },
      { view: 'customers', name: 'rfm_segment' },
    ]);
    expect(namedColumns({ kind: 'sql', sql: 'loyalty_tier = 1' })).toEqual([]);
  });

  test('the ones the files must have: not the metrics, scores, labels or order-level columns every analysis makes', () => {
    expect(columnsFromFiles(definition)).toEqual(['loyalty_tier', 'channel']);
    // An order date on customers is no view column: a customers file would have to bring it.
    expect(columnsFromFiles(rules(condition('order_date', 'on', '2024-01-01')))).toEqual(['order_date']);
  });
});

test('the words: one column, or several', () => {
  expect(needsColumnsMessage(['country'])).toBe('Needs column `country` — map one in Data.');
  expect(needsColumnsMessage(['a', 'b', 'c'], true)).toBe('Needs columns `a`, `b` and `c` — map them in Data, or correct the SQL.');
});

describe('DuckDB’s Binder errors, as it writes them', () => {
  test.each([
    ['Binder Error: Referenced column "country" not found in FROM clause!\nCandidate bindings: "monetary"\n\nLINE 1: ...', 'country'],
    ['Binder Error: Referenced column "a"b" not found in FROM clause!\nCandidate bindings: "we"ird"', 'a"b'],
    ['Binder Error: Table "c" does not have a column named "Loyalty Tier"\n\nCandidate bindings: : "monetary"', 'Loyalty Tier'],
    ['Binder Error: Values list "c" does not have a column named "tier"\n\nLINE 1: ...', 'tier'],
    ['Binder Error: Referenced table "nosuchtable" not found!\nCandidate tables: "customers"', null],
    ['Catalog Error: Scalar Function with name nosuchfn does not exist!', null],
    // Only the first line is DuckDB's verdict: a name quoted further down is not one.
    ['Parser Error: syntax error\nBinder Error: Referenced column "x" not found in FROM clause!', null],
  ])('%j', (message, column) => {
    expect(missingColumnOfEngineError(message)).toBe(column);
  });
});
