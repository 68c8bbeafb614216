import { describe, expect, it } from 'vitest';
import { blobWorkerSource } from '../../src/lib/db/blob-worker.ts';

describe('blobWorkerSource', () => {
  it('imports a module worker and loads a classic one by the absolute URL, quoted', () => {
    expect(blobWorkerSource('module', 'http://127.0.0.1:4173/assets/db.worker-x.js')).toBe(
      'import "http://127.0.0.1:4173/assets/db.worker-x.js";\n',
    );
    expect(blobWorkerSource('classic', 'https://host/app/assets/duckdb-browser-eh.worker-y.js')).toBe(
      'importScripts("https://host/app/assets/duckdb-browser-eh.worker-y.js");\n',
    );
  });

  it('keeps a quote in the URL from ending the string', () => {
    expect(blobWorkerSource('module', 'https://host/a"b.js')).toBe('import "https://host/a%22b.js";\n');
  });

  it('refuses a relative URL (a blob: URL is no base) and any scheme but http(s)', () => {
    expect(() => blobWorkerSource('module', './assets/db.worker.js')).toThrow();
    expect(() => blobWorkerSource('classic', 'data:text/javascript,alert(1)')).toThrow(/served over http/);
    expect(() => blobWorkerSource('classic', 'blob:https://host/1234')).toThrow(/served over http/);
  });
});
