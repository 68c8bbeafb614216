import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { expect, test } from './fixtures.ts';
import { SPEC_PORTS } from './ports.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
/** This spec's own server: `npm start`'s, on a port past the ones other specs use. */
const START_PORT = SPEC_PORTS.start;

/** Starts what `npm start` runs after its build (src/cli/serve.ts) and waits for the address it prints. */
async function startServe(): Promise<{ child: ChildProcess; origin: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/serve.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(START_PORT) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const origin = await new Promise<string>((resolve, reject) => {
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Segment Workbench: (http:\/\/[^/\s]+)\//.exec(output);
      if (match) resolve(match[1]);
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('exit', (code) => reject(new Error(`serve.ts exited (${code}): ${output}`)));
  });
  return { child, origin };
}

test("npm start sends the page's policy as a header, plus frame-ancestors 'none', and the app runs under it", async ({
  app,
  page,
  guard,
}) => {
  const { child, origin } = await startServe();
  try {
    const index = await fetch(`${origin}/`);
    const html = await index.text();
    const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(meta, 'the served page carries its <meta> policy').toBeTruthy();
    expect(index.headers.get('content-security-policy')).toBe(`${meta}; frame-ancestors 'none'`);
    // The service worker's script takes its policy from its own response: it has it too.
    const sw = await fetch(`${origin}/sw.js`);
    expect(sw.headers.get('content-security-policy')).toBe(`${meta}; frame-ancestors 'none'`);
    expect(index.headers.get('x-content-type-options')).toBe('nosniff');

    // Under the header and the <meta> both, the engine (in workers started from blob: URLs) still starts and answers.
    guard.allow(origin);
    await page.goto(`${origin}/?sample=retail-v1`);
    await app.loaded();
    expect(Number((await app.sqlColumn('SELECT count(*) FROM orders'))[0])).toBeGreaterThan(0);
  } finally {
    child.kill();
  }
});
