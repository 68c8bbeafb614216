import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { numberedByPlace } from './link-helpers.ts';
import { assignCell } from '../../src/lib/analysis/map-edits.ts';
import type { CellSegment } from '../../src/lib/spec/analysis.ts';
import { defaultAnalysisSpec } from '../../src/lib/spec/rfm-defaults.ts';
import { readShareLink, shareLink } from '../../src/lib/spec/share-link.ts';
import { analysisSpecOf, segmentsSpecOf, type SpecFile } from '../../src/lib/spec/spec-file.ts';

/** The fixture: 20 rule segments of 3 conditions each, an RFM map with 3 cells moved, and a keep-only status rule. */
test('the fixture (20 segments, a map with 3 cells moved, a keep-only status rule) makes a link of at most 2,000 characters', async () => {
  const fixture = JSON.parse(readFileSync(new URL('../../../shared/fixtures/link-20-segments.json', import.meta.url), 'utf8')) as {
    segments: SpecFile['segments'];
  };
  const analysis = defaultAnalysisSpec();
  let cells = analysis.rfm.map.segments as CellSegment[];
  for (const [cell, to] of [
    ['555', 'Loyal'],
    ['111', 'Hibernating'],
    ['345', 'Champions'],
  ])
    cells = assignCell(cells, cell, to);
  analysis.rfm.map = { kind: 'cells', segments: cells };
  const spec: SpecFile = {
    version: 2,
    import: { cleaning: { keepOnly: [{ column: { role: 'status' }, values: ['completed', 'shipped'] }] } },
    analysis,
    segments: segmentsSpecOf({ version: 2, segments: fixture.segments }),
  };
  const link = await shareLink('https://example.org/segment-workbench/', spec);
  console.log(`fixture link: ${link.length} characters`);
  expect(link.length).toBeLessThanOrEqual(2_000);
  const reading = await readShareLink(link);
  expect(reading.spec && reading.problems).toEqual([]);
  const opened = reading.spec!;
  const sorted = (a: ReturnType<typeof analysisSpecOf>) =>
    JSON.stringify({
      ...a,
      rfm: { ...a.rfm, map: a.rfm.map.segments.map((s) => ('cells' in s ? { ...s, cells: [...s.cells].sort() } : s)) },
    });
  expect(sorted(analysisSpecOf(opened))).toBe(sorted(analysisSpecOf(spec)));
  expect(segmentsSpecOf(opened)).toEqual(numberedByPlace(segmentsSpecOf(spec)));
  expect(opened.import).toEqual(spec.import);
});
