import { describe, expect, test } from 'vitest';
import { readHeldSql, sqlSegmentIds } from '../../src/lib/spec/held-sql.ts';
import { linkWarnings, literalValueCount, specLiteralValueCount } from '../../src/lib/spec/link-warnings.ts';
import { condition, type Rule, type RuleGroup, type SegmentSpec, type SegmentsSpec } from '../../src/lib/spec/segments.ts';

const group = (...rules: Rule[]): RuleGroup => ({ type: 'group', combine: 'and', rules });
const ruleSegment = (id: string, root: RuleGroup): SegmentSpec => ({
  id,
  name: id,
  color: '#000000',
  description: '',
  enabled: true,
  definition: { kind: 'rules', root },
});
const sqlSegment = (id: string, sql: string): SegmentSpec => ({ ...ruleSegment(id, group()), definition: { kind: 'sql', sql } });
const specOf = (...segments: SegmentSpec[]): SegmentsSpec => ({ segments, minSizePercent: 1 });

describe('literal values in conditions', () => {
  test('a value, both bounds of between, each list entry; nothing for valueless operators or references', () => {
    expect(literalValueCount(condition('country', 'eq', 'FR'))).toBe(1);
    expect(literalValueCount(condition('monetary', 'between', '10', '20'))).toBe(2);
    expect(literalValueCount(condition('email', 'in', '', '', ['a@x.org', 'b@x.org', 'c@x.org']))).toBe(3);
    expect(literalValueCount(condition('email', 'not_in', '', '', ['a@x.org']))).toBe(1);
    expect(literalValueCount(condition('email', 'empty'))).toBe(0);
    expect(literalValueCount({ type: 'segment', segment: 's1', member: true, name: 'S' })).toBe(0);
  });

  test('only the fields the operator uses, and no empty ones', () => {
    // Left over from "is one of" before the operator became "equals": not in the SQL, not counted.
    expect(literalValueCount(condition('country', 'eq', 'FR', 'stale', ['x', 'y']))).toBe(1);
    expect(literalValueCount(condition('country', 'eq', '  '))).toBe(0);
    expect(literalValueCount(condition('country', 'in', 'stale', '', ['x', '']))).toBe(1);
  });

  test('inside groups and order conditions, across rule segments; SQL segments are not counted', () => {
    const orders: Rule = {
      type: 'orders',
      atLeast: 3,
      where: group(condition('sku', 'in', '', '', ['A', 'B']), condition('amount', 'gt', '5')),
    };
    const spec = specOf(
      ruleSegment('s1', group(condition('country', 'eq', 'FR'), { type: 'group', combine: 'or', rules: [orders] })),
      ruleSegment('s2', group(condition('monetary', 'between', '1', '2'))),
      sqlSegment('s3', "email IN ('a@x.org', 'b@x.org')"),
    );
    expect(specLiteralValueCount(spec)).toBe(1 + 3 + 2);
  });
});

describe('warnings under a link the page made', () => {
  const ids = (n: number) => Array.from({ length: n }, (_, i) => `C${1000 + i}`);
  const listOf = (n: number) => specOf(ruleSegment('s1', group(condition('customer_id', 'in', '', '', ids(n)))));

  test('2,000 characters pass; 2,001 warn that chat apps and mail clients cut longer links', () => {
    const at = 'https://example.org/#spec=' + 'a'.repeat(2000 - 26);
    expect(linkWarnings(at, specOf())).toEqual({ length: 2000, literalValues: 0, warnings: [] });
    const over = linkWarnings(at + 'a', specOf());
    expect(over.length).toBe(2001);
    expect(over.warnings).toEqual([
      'This link is longer than 2,000 characters: chat apps and some mail clients cut longer links, so send the definitions file instead, or fewer segments.',
    ]);
  });

  test('20 literal values pass; 21 warn that the link may expose customer data', () => {
    expect(linkWarnings('https://example.org/', listOf(20)).warnings).toEqual([]);
    const over = linkWarnings('https://example.org/', listOf(21));
    expect(over.literalValues).toBe(21);
    expect(over.warnings).toEqual([
      'The conditions hold 21 literal values (more than 20): this link may expose customer data, such as lists of customer ids or e-mail addresses. Check it before you send it.',
    ]);
  });
});

describe('SQL segments held from a link', () => {
  const spec = specOf(ruleSegment('r1', group()), sqlSegment('q1', 'true'), sqlSegment('q2', 'frequency = 1'));

  test('every SQL segment of a link is held, no rule segment', () => {
    expect(sqlSegmentIds(spec)).toEqual(['q1', 'q2']);
  });

  test('read back from a saved record: only SQL segments it lists; none when absent; all when the list is not one', () => {
    expect(readHeldSql(['q2', 'r1', 'gone'], spec)).toEqual({ held: ['q2'], problem: null });
    expect(readHeldSql(undefined, spec)).toEqual({ held: [], problem: null });
    expect(readHeldSql([], spec)).toEqual({ held: [], problem: null });
    for (const bad of ['q1', [1], null, { q1: true }]) {
      const reading = readHeldSql(bad, spec);
      expect(reading.held).toEqual(['q1', 'q2']);
      expect(reading.problem).toMatch(/^heldSql: expected a list of segment ids/);
    }
    expect(readHeldSql(null, undefined)).toMatchObject({ held: [] });
  });
});
