import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { engineOf, offlineManifest, type BuiltFile } from '../../src/lib/offline/manifest.ts';
import { cacheKey, engineFiles, enginesKept, routeRequest, scopedPath } from '../../src/lib/offline/routes.ts';
import { SAMPLES } from '../../src/lib/samples.ts';

/** What a build writes, as vite names it (hashes made up). */
const BUILT: BuiltFile[] = [
  'index.html',
  'favicon.svg',
  'sw.js',
  '_headers',
  'assets/index-MESBzz7_.js',
  'assets/index-BTiVe2_T.css',
  'assets/db.worker-DkE6QJ7Q.js',
  'assets/sql-editor-22czTPzv.js',
  'assets/duckdb-eh-9ubY-jlA.wasm',
  'assets/duckdb-browser-eh.worker-hQa-dcAV.js',
  'assets/duckdb-mvp-BP0pRkMH.wasm',
  'assets/duckdb-browser-mvp.worker-C9hF7LGh.js',
  'samples/retail-v1/transactions.csv',
].map((p) => ({ path: p, fingerprint: `f(${p})` }));

const SCOPE = 'https://example.org/some/sub/path/';
const manifest = offlineManifest(BUILT);
const get = (url: string, mode = 'cors') => routeRequest(manifest, SCOPE, { url, method: 'GET', mode });

describe('offlineManifest', () => {
  it('keeps the shell, groups the DuckDB bundles by name, and never itself or the headers file', () => {
    expect(manifest.shell).toEqual([
      'assets/db.worker-DkE6QJ7Q.js',
      'assets/index-BTiVe2_T.css',
      'assets/index-MESBzz7_.js',
      'assets/sql-editor-22czTPzv.js',
      'favicon.svg',
      'index.html',
      'samples/retail-v1/transactions.csv',
    ]);
    expect(manifest.engines).toEqual({
      eh: ['assets/duckdb-browser-eh.worker-hQa-dcAV.js', 'assets/duckdb-eh-9ubY-jlA.wasm'],
      mvp: ['assets/duckdb-browser-mvp.worker-C9hF7LGh.js', 'assets/duckdb-mvp-BP0pRkMH.wasm'],
    });
  });

  it('derives the version from the files: the same build gives the same version, any changed file a new one', () => {
    expect(offlineManifest([...BUILT].reverse()).version).toBe(manifest.version);
    expect(manifest.version).toMatch(/^[0-9a-f]{16}$/);
    const changed = BUILT.map((f) => (f.path === 'index.html' ? { ...f, fingerprint: 'other' } : f));
    expect(offlineManifest(changed).version).not.toBe(manifest.version);
    const renamed = BUILT.map((f) => (f.path.startsWith('assets/index-') ? { ...f, path: f.path.replace('index-', 'index-X') } : f));
    expect(offlineManifest(renamed).version).not.toBe(manifest.version);
    // The service worker and the headers file do not count: they are not kept.
    expect(offlineManifest(BUILT.filter((f) => f.path !== 'sw.js')).version).toBe(manifest.version);
  });

  it("keeps every bundled sample's files (from public/)", () => {
    const publicDir = path.resolve(import.meta.dirname, '../../public');
    const files = (
      readdirSync(publicDir, { recursive: true, withFileTypes: true }) as { isFile(): boolean; parentPath: string; name: string }[]
    )
      .filter((e) => e.isFile())
      .map((e) => path.relative(publicDir, path.join(e.parentPath, e.name)).split(path.sep).join('/'));
    const shell = offlineManifest(files.map((p) => ({ path: p, fingerprint: p }))).shell;
    for (const sample of SAMPLES) for (const file of sample.files) expect(shell, sample.id).toContain(file.path);
    expect(shell).not.toContain('_headers');
  });

  it('tells the bundle of a DuckDB file, and no other file', () => {
    expect(engineOf('assets/duckdb-eh-9ubY-jlA.wasm')).toBe('eh');
    expect(engineOf('assets/duckdb-browser-mvp.worker-C9hF7LGh.js')).toBe('mvp');
    expect(engineOf('assets/duckdb-browser-coi.pthread.worker-abc.js')).toBe('coi');
    expect(engineOf('assets/db.worker-DkE6QJ7Q.js')).toBeNull();
    expect(engineOf('samples/duckdb-notes.csv')).toBeNull();
  });
});

describe('routeRequest', () => {
  it('opens index.html for any address of the page in its folder, query and all', () => {
    for (const url of [SCOPE, `${SCOPE}?sample=retail-v1`, `${SCOPE}?sample=retail-v1#s=abc`]) {
      expect(get(url, 'navigate'), url).toEqual({ kind: 'shell', key: SCOPE });
    }
    expect(get(`${SCOPE}index.html`, 'navigate')).toEqual({ kind: 'shell', key: SCOPE });
  });

  it('serves the shell and the bundles from the cache, under the sub-path', () => {
    expect(get(`${SCOPE}assets/index-MESBzz7_.js`)).toEqual({ kind: 'shell', key: `${SCOPE}assets/index-MESBzz7_.js` });
    expect(get(`${SCOPE}samples/retail-v1/transactions.csv`)).toEqual({ kind: 'shell', key: `${SCOPE}samples/retail-v1/transactions.csv` });
    expect(get(`${SCOPE}assets/duckdb-eh-9ubY-jlA.wasm`)).toEqual({ kind: 'engine', key: `${SCOPE}assets/duckdb-eh-9ubY-jlA.wasm` });
  });

  it('keeps a CSV an instructor added to samples/ after the build once it is opened', () => {
    expect(get(`${SCOPE}samples/instructor-demo.csv`)).toEqual({ kind: 'kept', key: `${SCOPE}samples/instructor-demo.csv` });
    // A bundled sample is part of the build: from the cache.
    expect(get(`${SCOPE}samples/retail-v1/transactions.csv`).kind).toBe('shell');
  });

  it('leaves alone what is not the app: other origins, other folders, unknown files, writes', () => {
    expect(get('https://cdn.example.com/some/sub/path/assets/index-MESBzz7_.js')).toEqual({ kind: 'pass' });
    expect(get('https://example.org/assets/index-MESBzz7_.js')).toEqual({ kind: 'pass' });
    expect(get(`${SCOPE}local-file`)).toEqual({ kind: 'pass' });
    expect(get(`${SCOPE}assets/duckdb-eh-OTHERHASH.wasm`)).toEqual({ kind: 'pass' });
    expect(get(`${SCOPE}sw.js`)).toEqual({ kind: 'pass' });
    expect(routeRequest(manifest, SCOPE, { url: `${SCOPE}index.html`, method: 'POST', mode: 'navigate' })).toEqual({ kind: 'pass' });
  });
});

describe('engine files', () => {
  it('keeps the whole bundle the engine loaded, and only files the build made', () => {
    expect(
      engineFiles(manifest, SCOPE, [`${SCOPE}assets/duckdb-eh-9ubY-jlA.wasm`, `${SCOPE}assets/duckdb-browser-eh.worker-hQa-dcAV.js`]),
    ).toEqual([`${SCOPE}assets/duckdb-browser-eh.worker-hQa-dcAV.js`, `${SCOPE}assets/duckdb-eh-9ubY-jlA.wasm`]);
    expect(
      engineFiles(manifest, SCOPE, ['https://evil.example/assets/duckdb-eh-9ubY-jlA.wasm', `${SCOPE}assets/duckdb-eh-x.wasm`]),
    ).toEqual([]);
  });

  it('finds the bundles an earlier version kept, whatever their hashes were', () => {
    expect(enginesKept(SCOPE, [SCOPE, `${SCOPE}assets/duckdb-mvp-OLD.wasm`, 'https://example.org/other/assets/duckdb-eh-x.wasm'])).toEqual([
      'mvp',
    ]);
  });

  it('resolves paths in the scope only', () => {
    expect(scopedPath(SCOPE, `${SCOPE}a%20b.csv?x=1`)).toBe('a b.csv');
    expect(scopedPath(SCOPE, 'https://example.org/some/')).toBeNull();
    expect(cacheKey(SCOPE, 'index.html')).toBe(SCOPE);
  });
});
