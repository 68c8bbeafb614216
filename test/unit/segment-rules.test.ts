import { describe, expect, test } from 'vitest';
import type { SegmentSchema } from '../../src/lib/segments/schema.ts';
import {
  condition,
  fitOperator,
  newCondition,
  OPERATORS_BY_KIND,
  type Condition,
  type SegmentDefinition,
} from '../../src/lib/spec/segments.ts';
import { rulesPredicate } from '../../src/lib/sql/segment-rules.ts';
import { codeOnly, readUserSql, userSqlPredicate } from '../../src/lib/sql/user-sql.ts';
import { segmentPredicate } from '../../src/lib/sql/segment-sql.ts';

const schema: SegmentSchema = {
  analysisDate: '2024-07-01',
  customers: [
    { name: 'country', kind: 'text', storedAsText: true },
    { name: 'monetary', kind: 'number', storedAsText: false },
    { name: 'age', kind: 'number', storedAsText: true },
    { name: 'last_purchase', kind: 'date', storedAsText: false },
    { name: 'signup date', kind: 'date', storedAsText: true },
    { name: 'a "quoted" name', kind: 'text', storedAsText: true },
    { name: 'ünïcødé', kind: 'text', storedAsText: true },
    { name: 'select', kind: 'text', storedAsText: true },
    { name: 'r_score', kind: 'number', storedAsText: false },
  ],
  orders: [
    { name: 'order_date', kind: 'date', storedAsText: false },
    { name: 'product category', kind: 'text', storedAsText: true },
  ],
};

const one = (c: Condition) => rulesPredicate({ type: 'group', combine: 'and', rules: [c] }, schema);

describe('rule → SQL', () => {
  test.each([
    [condition('country', 'eq', "O'Brien"), `"country" = 'O''Brien'`],
    [condition('country', 'neq', 'FR'), `"country" IS DISTINCT FROM 'FR'`],
    [condition('country', 'in', '', '', ['FR', "it's"]), `"country" IN ('FR', 'it''s')`],
    [condition('country', 'not_in', '', '', ['FR']), `("country" IS NULL OR "country" NOT IN ('FR'))`],
    [condition('country', 'contains', '50%_OFF\\'), `contains(lower("country"), '50%_off\\')`],
    [condition('country', 'starts_with', 'Fr'), `starts_with(lower("country"), 'fr')`],
    [condition('country', 'empty'), `nullif(trim("country"), '') IS NULL`],
    [condition('country', 'not_empty'), `NOT (nullif(trim("country"), '') IS NULL)`],
    [condition('a "quoted" name', 'eq', 'x'), `"a ""quoted"" name" = 'x'`],
    [condition('ünïcødé', 'eq', 'ß'), `"ünïcødé" = 'ß'`],
    [condition('select', 'eq', 'from'), `"select" = 'from'`],
    [condition('monetary', 'gt', '500'), `"monetary" > 500`],
    [condition('monetary', 'gte', '+1.5'), `"monetary" >= 1.5`],
    [condition('monetary', 'lt', '-2'), `"monetary" < -2`],
    [condition('monetary', 'lte', '1e3'), `"monetary" <= 1e3`],
    [condition('monetary', 'eq', '0'), `"monetary" = 0`],
    [condition('monetary', 'neq', '0'), `"monetary" IS DISTINCT FROM 0`],
    [condition('monetary', 'between', '1', '2'), `"monetary" BETWEEN 1 AND 2`],
    [condition('monetary', 'empty'), `"monetary" IS NULL`],
    [condition('age', 'gte', '30'), `TRY_CAST("age" AS DOUBLE) >= 30`],
    [condition('r_score', 'gte', '4'), `"r_score" >= 4`],
    [condition('last_purchase', 'on', '2024-01-01'), `CAST("last_purchase" AS DATE) = DATE '2024-01-01'`],
    [condition('signup date', 'on', '2024-02-29'), `TRY_CAST("signup date" AS DATE) = DATE '2024-02-29'`],
    [condition('last_purchase', 'before', '2024-01-01'), `CAST("last_purchase" AS DATE) < DATE '2024-01-01'`],
    [condition('last_purchase', 'after', '2024-01-01'), `CAST("last_purchase" AS DATE) > DATE '2024-01-01'`],
    [
      condition('last_purchase', 'between', '2024-01-01', '2024-02-01'),
      `CAST("last_purchase" AS DATE) BETWEEN DATE '2024-01-01' AND DATE '2024-02-01'`,
    ],
    [condition('last_purchase', 'within_last', '90'), `CAST("last_purchase" AS DATE) BETWEEN DATE '2024-07-01' - 90 AND DATE '2024-07-01'`],
    [condition('last_purchase', 'more_than_ago', '30'), `CAST("last_purchase" AS DATE) < DATE '2024-07-01' - 30`],
    [condition('signup date', 'after', '2024-01-01'), `TRY_CAST("signup date" AS DATE) > DATE '2024-01-01'`],
  ])('%j', (rule, sql) => {
    expect(one(rule)).toBe(sql);
  });

  test('groups: AND/OR, nesting, an empty group matches everyone', () => {
    const sql = rulesPredicate(
      {
        type: 'group',
        combine: 'and',
        rules: [
          condition('country', 'eq', 'FR'),
          { type: 'group', combine: 'or', rules: [condition('monetary', 'gt', '1'), condition('age', 'lt', '30')] },
        ],
      },
      schema,
    );
    expect(sql).toBe(`("country" = 'FR' AND ("monetary" > 1 OR TRY_CAST("age" AS DOUBLE) < 30))`);
    expect(rulesPredicate({ type: 'group', combine: 'or', rules: [] }, schema)).toBe('true');
  });

  test('an order condition counts matching orders per customer, and cannot nest', () => {
    const where = { type: 'group' as const, combine: 'and' as const, rules: [condition('product category', 'eq', 'Books')] };
    expect(rulesPredicate({ type: 'group', combine: 'and', rules: [{ type: 'orders', atLeast: 2, where }] }, schema)).toBe(
      // Read on every line of an order: the order-level columns are the order's, the attributes each line's.
      `customer_id IN (SELECT customer_id FROM (SELECT DISTINCT customer_id, order_id FROM (SELECT o.customer_id, o.order_id, o.order_date, o.amount, o.line_count, l."product category"
    FROM orders o JOIN order_lines l ON l.customer_id = o.customer_id AND l.order_id IS NOT DISTINCT FROM o.order_id) AS order_line WHERE "product category" = 'Books') GROUP BY customer_id HAVING count(*) >= 2)`,
    );
    const nested = { type: 'group' as const, combine: 'and' as const, rules: [{ type: 'orders' as const, atLeast: 1, where }] };
    expect(() => rulesPredicate({ type: 'group', combine: 'and', rules: [{ type: 'orders', atLeast: 1, where: nested }] }, schema)).toThrow(
      /cannot contain another/,
    );
    expect(() => rulesPredicate({ type: 'group', combine: 'and', rules: [{ type: 'orders', atLeast: 0, where }] }, schema)).toThrow(
      /N of 1/,
    );
  });

  test('"on" needs a real date', () => {
    expect(() => one(condition('last_purchase', 'on', '2023-02-29'))).toThrow(/"2023-02-29" is not a date/);
    expect(() => one(condition('last_purchase', 'on', ''))).toThrow(/enter a date/);
    expect(() => one(condition('country', 'on', '2024-01-01'))).toThrow(/does not apply to text column/);
  });

  test('column names match case-insensitively, as DuckDB does', () => {
    expect(one(condition('COUNTRY', 'eq', 'FR'))).toBe(`"country" = 'FR'`);
  });

  test('a NUL in a value is refused rather than truncated', () => {
    expect(() => one(condition('country', 'eq', 'a\0b'))).toThrow(/NUL/);
  });

  test('a number of days the engine cannot subtract from a date is refused by name, not by the engine', () => {
    expect(one(condition('last_purchase', 'more_than_ago', '100000'))).toBe(`CAST("last_purchase" AS DATE) < DATE '2024-07-01' - 100000`);
    expect(() => one(condition('last_purchase', 'within_last', '3000000000'))).toThrow('"last_purchase": at most 100,000 days.');
  });
});

describe('the operator a condition starts with', () => {
  test('a new condition means "equals" for text and numbers and "on" for dates: a typed value is that value, not a bound', () => {
    expect(newCondition('frequency', 'number')).toEqual(condition('frequency', 'eq'));
    expect(newCondition('country', 'text')).toEqual(condition('country', 'eq'));
    expect(newCondition('last_purchase', 'date')).toEqual(condition('last_purchase', 'on'));
  });

  test("a column change keeps an operator that still applies, and otherwise takes the new kind's default", () => {
    expect(fitOperator('gte', 'number')).toBe('gte');
    expect(fitOperator('between', 'date')).toBe('between');
    expect(fitOperator('eq', 'date')).toBe('on');
    expect(fitOperator('before', 'number')).toBe('eq');
    expect(fitOperator('on', 'text')).toBe('eq');
    expect(fitOperator('contains', 'number')).toBe('eq');
  });

  test('"on" is offered first for dates, and only for dates', () => {
    expect(OPERATORS_BY_KIND.date[0]).toBe('on');
    expect(OPERATORS_BY_KIND.text).not.toContain('on');
    expect(OPERATORS_BY_KIND.number).not.toContain('on');
  });
});

describe('user SQL', () => {
  test('strings, quoted names and comments are not code', () => {
    const sql = `a = 'x;''y' -- drop\nAND "set""x" = 1 /* ; */`;
    const code = codeOnly(sql);
    expect(code).toHaveLength(sql.length);
    expect(code.replace(/\s+/g, ' ').trim()).toBe('a = AND = 1');
    expect(() => codeOnly(`a = 'open`)).toThrow(/closing quote/);
    expect(() => codeOnly(`a /* open`)).toThrow(/closing \*\//);
  });

  test("dollar-quoted, tagged and E'' strings and nested comments are read as DuckDB reads them", () => {
    const flat = (sql: string) => codeOnly(sql).replace(/\s+/g, ' ').trim();
    expect(flat(`a = $$'; x$$ AND b`)).toBe('a = AND b');
    expect(flat(`a = $q$ $$ ; $q$ AND b`)).toBe('a = AND b');
    expect(flat(`a = E'\\'; x' AND b`)).toBe('a = E AND b');
    expect(flat(`a = e'it''s' AND b`)).toBe('a = e AND b');
    expect(flat(`a /* /* */ ; */ AND b`)).toBe('a AND b');
    // `$` inside a name or after one is not a quote.
    expect(flat(`a$b$ = 1`)).toBe('a$b$ = 1');
    expect(() => codeOnly(`a = $$open`)).toThrow(/closing \$\$/);
    expect(() => codeOnly(`a = E'open\\'`)).toThrow(/closing quote/);
  });

  test.each([
    [`true OR $$'$$ = $$x$$) AS BOOLEAN); UPDATE customer_attributes SET city = $$p$$; SELECT 1 WHERE ((true OR $$'$$ = $$x$$`],
    [`true OR E'\\'' = E'x') AS BOOLEAN); DELETE FROM orders; SELECT 1 WHERE ((true OR E'\\'' = E'x'`],
  ])('a ";" hidden from a simpler reading is still found: %s', (sql) => {
    expect(() => readUserSql(sql)).toThrow(/One statement only|is not allowed/);
  });

  test('conditions and queries are told apart', () => {
    expect(readUserSql('monetary > 5')).toEqual({ kind: 'condition', sql: 'monetary > 5' });
    expect(readUserSql('  select customer_id from orders ;; ')).toEqual({ kind: 'query', sql: 'select customer_id from orders' });
    expect(readUserSql('WITH x AS (SELECT 1) SELECT * FROM x').kind).toBe('query');
    expect(readUserSql('FROM customers SELECT customer_id').kind).toBe('query');
    expect(readUserSql('(SELECT customer_id FROM customers)').kind).toBe('query');
    expect(readUserSql("country = 'select'").kind).toBe('condition');
  });

  test.each([
    ['DROP TABLE orders', /DROP is not allowed/],
    ['select 1; select 2', /One statement only/],
    ['x = 1; DROP TABLE orders', /One statement only/],
    ['CREATE TABLE t AS SELECT 1', /CREATE is not allowed/],
    ['insert into orders values (1)', /INSERT is not allowed/],
    ["copy orders to 'x.csv'", /COPY is not allowed/],
    ["ATTACH 'x.db'", /ATTACH is not allowed/],
    ['PRAGMA version', /PRAGMA is not allowed/],
    ['SET threads = 1', /SET is not allowed/],
    ['load httpfs', /LOAD is not allowed/],
    ['   ', /Write a condition/],
    ['-- only a comment', /Write a condition/],
  ])('%s is refused', (sql, message) => {
    expect(() => readUserSql(sql)).toThrow(message);
  });

  test('a keyword in quotes is a name, and in a string a value', () => {
    expect(() => readUserSql(`"update" = 'drop table'`)).not.toThrow();
  });

  test('the wrapper keeps user text on its own lines, so a trailing comment cannot swallow it', () => {
    expect(userSqlPredicate('monetary > 5 -- big')).toBe('CAST((\nmonetary > 5 -- big\n) AS BOOLEAN)');
    expect(userSqlPredicate('SELECT customer_id FROM orders')).toBe(
      'customer_id IN (SELECT CAST(segment_query.customer_id AS VARCHAR) FROM (\nSELECT customer_id FROM orders\n) AS segment_query)',
    );
    const definition: SegmentDefinition = { kind: 'sql', sql: 'monetary > 5' };
    expect(segmentPredicate(definition, schema)).toBe('CAST((\nmonetary > 5\n) AS BOOLEAN)');
  });
});
