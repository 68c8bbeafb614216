/**
 * `npx tsx test/bench/profile-ui.ts FILE`: loads FILE in headless Chromium (production build in
 * dist/), then records a CPU profile of the page's main thread during a scoring-method change and
 * prints where the time after the engine's answer goes (self time per function, top 25), with the
 * engine's own figure. For finding the gap between "computed in X ms" and the change on screen.
 */
import { chromium } from '@playwright/test';
import { preview } from 'vite';
import path from 'node:path';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../chromium.ts';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const file = path.resolve(process.argv[2]);
const server = await preview({
  root: path.resolve(import.meta.dirname, '../..'),
  preview: { port: 4181, host: '127.0.0.1' },
  logLevel: 'warn',
});
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage();
  await page.goto(server.resolvedUrls!.local[0]);
  await page.getByRole('status', { name: 'Database engine' }).filter({ hasText: 'Engine ready' }).waitFor({ timeout: 120_000 });
  await page.getByLabel('Load data').setInputFiles(file);
  await page.getByRole('button', { name: 'Load', exact: true }).click();
  await page.getByTestId('header-customers').waitFor({ timeout: 600_000 });
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'RFM', exact: true }).click();
  const rfm = page.getByRole('region', { name: 'RFM analysis' });
  await rfm.getByRole('table', { name: 'RFM segments' }).waitFor({ timeout: 600_000 });
  console.log('first analysis:', await rfm.getByTestId('analysis-ms').innerText());
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  for (const method of ['breakpoints', 'ntile', 'breakpoints'] as const) {
    await cdp.send('Profiler.start');
    const t = performance.now();
    await rfm.getByLabel('Scoring method').selectOption(method);
    const caption = method === 'ntile' ? 'Rank n-tiles' : 'Tie-consistent';
    await rfm.getByRole('table', { name: 'Score cut points' }).filter({ hasText: caption }).waitFor({ timeout: 600_000 });
    const onScreen = performance.now() - t;
    await rfm.getByTestId('analysis-ms').waitFor();
    const { profile } = (await cdp.send('Profiler.stop')) as { profile: Profile };
    console.log(
      `\n${method}: on screen ${onScreen.toFixed(0)} ms (150 ms of it the input debounce); ${await rfm.getByTestId('analysis-ms').innerText()}`,
    );
    const self = new Map<string, number>();
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    profile.samples.forEach((id, i) => {
      const f = byId.get(id)!.callFrame;
      const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber}`;
      self.set(key, (self.get(key) ?? 0) + profile.timeDeltas[i] / 1000);
    });
    const busy = [...self].filter(([k]) => !k.startsWith('(idle)') && !k.startsWith('(program)'));
    console.log(
      `main thread busy ${busy.reduce((s, [, v]) => s + v, 0).toFixed(0)} ms; idle ${(self.get('(idle) :-1') ?? 0).toFixed(0)} ms`,
    );
    for (const [k, v] of busy.sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`${v.toFixed(1).padStart(8)} ms  ${k}`);
  }
} finally {
  await browser.close();
  server.httpServer.close();
}
