import { describe, expect, test } from 'vitest';
import { segmentTemplates } from '../../src/lib/spec/segment-templates.ts';
import { condition } from '../../src/lib/spec/segments.ts';

const DECILES = [10, 20, 30, 40, 50, 60, 70, 80, 90];
const byKey = (list: ReturnType<typeof segmentTemplates>) => Object.fromEntries(list.map((t) => [t.key, t]));

describe('segment templates', () => {
  test('each is plain conditions with the data-dependent values filled in', () => {
    const t = byKey(
      segmentTemplates({ bins: 5, monetaryDeciles: DECILES, country: { view: 'customers', column: 'Country', value: 'FR' } }),
    );
    const rules = (key: string) => (t[key].definition as { root: { rules: unknown[] } }).root.rules;
    expect(rules('high-value-lapsing')).toEqual([condition('monetary', 'gte', '80'), condition('recency_days', 'gt', '90')]);
    expect(rules('new-customers')).toEqual([condition('first_purchase', 'within_last', '30')]);
    expect(rules('one-time-buyers')).toEqual([condition('frequency', 'eq', '1')]);
    expect(t['big-spenders-country'].name).toBe('Big spenders in FR');
    expect(rules('big-spenders-country')).toEqual([condition('Country', 'eq', 'FR'), condition('monetary', 'gte', '90')]);
    expect(rules('frequent-low-value')).toEqual([condition('f_score', 'gte', '4'), condition('m_score', 'lte', '2')]);
  });

  test('a country only on orders becomes an order condition; scores follow the bins', () => {
    const t = byKey(segmentTemplates({ bins: 3, monetaryDeciles: DECILES, country: { view: 'orders', column: 'country', value: 'GB' } }));
    const [inCountry] = (t['big-spenders-country'].definition as { root: { rules: unknown[] } }).root.rules;
    expect(inCountry).toEqual({
      type: 'orders',
      atLeast: 1,
      where: { type: 'group', combine: 'and', rules: [condition('country', 'eq', 'GB')] },
    });
    expect((t['frequent-low-value'].definition as { root: { rules: unknown[] } }).root.rules).toEqual([
      condition('f_score', 'gte', '2'),
      condition('m_score', 'lte', '1'),
    ]);
  });

  test('a template the data cannot support says why instead of guessing', () => {
    const t = byKey(segmentTemplates({ bins: 5, monetaryDeciles: [], country: null }));
    expect(t['high-value-lapsing']).toMatchObject({ definition: null, unavailable: 'needs monetary values' });
    expect(t['big-spenders-country']).toMatchObject({ definition: null, unavailable: 'needs a country column' });
    expect(t['one-time-buyers'].definition).not.toBeNull();
  });
});
