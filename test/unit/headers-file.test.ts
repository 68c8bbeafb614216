import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseHeadersFile } from '../../src/lib/headers-file.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

/** The CSP the page carries in its <meta>. */
function metaCsp(html: string): string {
  const match = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html);
  if (!match) throw new Error('index.html has no CSP meta tag');
  return match[1];
}

const header = (rules: ReturnType<typeof parseHeadersFile>, at: string, name: string) =>
  rules.find((r) => r.path === at)?.headers.find(([n]) => n.toLowerCase() === name.toLowerCase())?.[1];

describe('public/_headers', () => {
  const rules = parseHeadersFile(read('public/_headers'));

  it("sends index.html's CSP exactly, plus frame-ancestors 'none' (which a <meta> cannot set)", () => {
    expect(header(rules, '/*', 'Content-Security-Policy')).toBe(`${metaCsp(read('index.html'))}; frame-ancestors 'none'`);
    const csp = rules.flatMap((r) => r.headers.filter(([n]) => n.toLowerCase() === 'content-security-policy'));
    expect(csp).toHaveLength(1);
  });

  it('caches hashed assets for a year, immutable; revalidates the page and the service worker', () => {
    expect(header(rules, '/assets/*', 'Cache-Control')).toBe('public, max-age=31536000, immutable');
    for (const at of ['/', '/index.html', '/sw.js']) expect(header(rules, at, 'Cache-Control'), at).toBe('no-cache');
  });

  it('parses as rules (every header line belongs to a path)', () => {
    expect(rules.map((r) => r.path)).toEqual(['/*', '/assets/*', '/', '/index.html', '/sw.js']);
    expect(rules.every((r) => r.headers.length > 0)).toBe(true);
  });
});

describe('parseHeadersFile', () => {
  it('refuses a header line before any path, or one without a colon', () => {
    expect(() => parseHeadersFile('  X-Frame-Options: DENY\n')).toThrow(/outside a rule/);
    expect(() => parseHeadersFile('/*\n  no colon here\n')).toThrow(/without a colon/);
  });
});
