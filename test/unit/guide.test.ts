import { describe, expect, test } from 'vitest';
import { SECTIONS } from '../../src/lib/address/url-state.ts';
import {
  allExplanations,
  lifecycleExplanation,
  PROCESS,
  rfmExplanation,
  segmentAnalysisExplanation,
  tiersExplanation,
  type Explanation,
} from '../../src/lib/guide/explanations.ts';
import {
  EXPLANATIONS_KEY,
  readExplanationsHidden,
  writeExplanationsHidden,
  type PreferenceStorage,
} from '../../src/lib/guide/preference.ts';
import { LIFECYCLE_STAGES, type TierSpec } from '../../src/lib/spec/analysis.ts';
import { defaultAnalysisSpec, defaultRangeSegments, STANDARD_SEGMENTS } from '../../src/lib/spec/rfm-defaults.ts';
import { defaultSegmentsSpec } from '../../src/lib/spec/segments.ts';
import { NEVER_PURCHASED } from '../../src/lib/sql/lifecycle.ts';

const text = (e: Explanation) => [...e.paragraphs, ...e.terms.flatMap((t) => [t.term, t.meaning])].join('\n');
/** Every number the text quotes, as written. */
const numbers = (e: Explanation) => [...text(e).matchAll(/\d+(?:\.\d+)?/g)].map((m) => Number(m[0]));

describe('the lifecycle explanation', () => {
  test('quotes exactly the day thresholds the analysis uses by default, and no other number', () => {
    const { lifecycle } = defaultAnalysisSpec();
    const quoted = numbers(lifecycleExplanation(lifecycle));
    expect(new Set(quoted)).toEqual(new Set([lifecycle.newDays, lifecycle.coolingDays, lifecycle.lapsedDays]));
  });

  test('follows edited thresholds', () => {
    const e = lifecycleExplanation({ newDays: 14, coolingDays: 60, lapsedDays: 365 });
    expect(new Set(numbers(e))).toEqual(new Set([14, 60, 365]));
    expect(e.terms.find((t) => t.term === 'lapsed')?.meaning).toBe('Last order more than 365 days before the analysis date.');
  });

  test('names every stage the SQL assigns, in the order its rules are tried, and the stage of customers with no order', () => {
    const terms = lifecycleExplanation(defaultAnalysisSpec().lifecycle).terms.map((t) => t.term);
    expect(terms).toEqual(['lapsed', 'cooling', 'new', 'repeat', 'active', NEVER_PURCHASED]);
    expect(new Set(terms)).toEqual(new Set([...LIFECYCLE_STAGES, NEVER_PURCHASED]));
  });
});

describe('the value tiers explanation', () => {
  test('one term per tier of the spec, in its order, quoting its bounds and the top-% cut', () => {
    const { tiers } = defaultAnalysisSpec();
    const e = tiersExplanation(tiers);
    expect(e.terms.slice(0, tiers.tiers.length).map((t) => t.term)).toEqual(tiers.tiers.map((t) => t.name));
    const bounds = tiers.tiers.slice(0, -1).map((t) => t.upTo);
    for (const n of [...bounds, tiers.topPercent]) expect(numbers(e)).toContain(n);
  });

  test('follows an edited scheme, bounds and cut, and keeps no default number', () => {
    const edited: TierSpec = {
      topPercent: 10,
      scheme: 'percentile',
      tiers: [
        { name: 'A', upTo: 5 },
        { name: 'B', upTo: 30 },
        { name: 'C', upTo: 100 },
      ],
    };
    const e = tiersExplanation(edited);
    // 80 and 20 are the Pareto rule of thumb the text names, 0 the net spend the last tier also takes; the rest is the spec's.
    expect(new Set(numbers(e))).toEqual(new Set([10, 5, 30, 100, 80, 20, 0]));
    expect(e.terms.map((t) => t.term)).toEqual(['A', 'B', 'C', '% of revenue']);
    expect(e.terms[0].meaning).toBe('The top 5 % of customers by spend.');
    expect(e.terms[2].meaning).toMatch(/net spend is 0 or less/);
  });
});

describe('the RFM explanation', () => {
  test('the default: 5 bins by rank, 125 cells, the standard named segments', () => {
    const e = rfmExplanation(defaultAnalysisSpec().rfm);
    const all = text(e);
    expect(all).toContain('scores each from 1 to 5');
    expect(all).toContain('split into 5 groups of equal size');
    expect(all).toContain(`Each of the 125 cells belongs to exactly one of the ${STANDARD_SEGMENTS.length} named segments`);
    expect(all).toContain('not today');
    expect(e.terms.find((t) => t.term === 'Monetary (M)')?.meaning).toMatch(/^Total spend/);
  });

  test('follows the method, bins, monetary and map', () => {
    const e = rfmExplanation({
      method: 'breakpoints',
      bins: 3,
      monetary: 'average',
      map: { kind: 'ranges', segments: defaultRangeSegments(3) },
    });
    const all = text(e);
    expect(all).toContain('scores each from 1 to 3');
    expect(all).toContain('Equal values always share a score');
    expect(all).toContain('333 is best');
    expect(all).toContain('first one that matches');
    expect(e.terms.find((t) => t.term === 'Monetary (M)')?.meaning).toMatch(/^Average order value/);
  });
});

describe('the segment analysis explanation', () => {
  test('quotes the narrow-segment bound in force', () => {
    const fallback = defaultSegmentsSpec().minSizePercent;
    expect(segmentAnalysisExplanation(fallback).terms.find((t) => t.term === 'Too narrow')?.meaning).toContain(`Fewer than ${fallback} %`);
    expect(segmentAnalysisExplanation(2.5).terms.find((t) => t.term === 'Too narrow')?.meaning).toContain('Fewer than 2.5 %');
  });

  test('every explanation asks a different question', () => {
    const questions = allExplanations(defaultAnalysisSpec(), 1).map((e) => e.question);
    expect(new Set(questions).size).toBe(questions.length);
  });
});

describe('the process overview', () => {
  test('goals → data → segments → analysis → action, each step linked to sections that exist', () => {
    expect(PROCESS.map((s) => s.name)).toEqual(['Goals', 'Data', 'Segments', 'Analysis', 'Action']);
    const ids = SECTIONS.map((s) => s.id as string);
    for (const step of PROCESS) {
      expect(step.sections.length).toBeGreaterThan(0);
      for (const id of step.sections) expect(ids).toContain(id);
    }
  });
});

/** Storage as a browser keeps it, in memory. */
function memoryStorage(): PreferenceStorage & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (k) => items.get(k) ?? null,
    setItem: (k, v) => void items.set(k, String(v)),
    removeItem: (k) => void items.delete(k),
  };
}

describe('the explanations preference', () => {
  test('hidden is kept under one key; showing them again removes it', () => {
    const storage = memoryStorage();
    expect(readExplanationsHidden(storage)).toBe(false);
    expect(writeExplanationsHidden(storage, true)).toBe(true);
    expect([...storage.items.keys()]).toEqual([EXPLANATIONS_KEY]);
    expect(readExplanationsHidden(storage)).toBe(true);
    expect(writeExplanationsHidden(storage, false)).toBe(true);
    expect(storage.items.size).toBe(0);
    expect(readExplanationsHidden(storage)).toBe(false);
  });

  test('a storage that refuses means explanations are shown, and says it kept nothing', () => {
    const refusing: PreferenceStorage = {
      getItem: () => {
        throw new DOMException('denied', 'SecurityError');
      },
      setItem: () => {
        throw new DOMException('full', 'QuotaExceededError');
      },
      removeItem: () => undefined,
    };
    expect(readExplanationsHidden(refusing)).toBe(false);
    expect(writeExplanationsHidden(refusing, true)).toBe(false);
    expect(readExplanationsHidden(null)).toBe(false);
    expect(writeExplanationsHidden(null, true)).toBe(false);
  });

  test('a value another page wrote is not read as hidden', () => {
    const storage = memoryStorage();
    storage.setItem(EXPLANATIONS_KEY, 'yes');
    expect(readExplanationsHidden(storage)).toBe(false);
  });
});
