import { describe, expect, it } from 'vitest';
import { canWorkOffline, missingCapabilities, type BrowserGlobals } from '../../src/lib/capabilities.ts';

/** A Worker that reads its options' `type` as browsers with module workers do (or does not, as older ones). */
function fakeWorker(readsType: boolean) {
  return class {
    constructor(_url: string, options: { type: string }) {
      if (readsType) void options.type;
    }
    terminate() {}
  };
}

const fakeUrl = { createObjectURL: () => 'blob:fake', revokeObjectURL: () => undefined };

/** A browser with everything the app needs. */
function complete(): BrowserGlobals {
  return {
    Worker: fakeWorker(true),
    Blob: function Blob() {},
    URL: fakeUrl,
    WebAssembly: { instantiate: () => undefined },
    CompressionStream: function CompressionStream() {},
    DecompressionStream: function DecompressionStream() {},
    indexedDB: {},
    isSecureContext: true,
    navigator: { serviceWorker: {} },
  };
}

describe('missingCapabilities', () => {
  it('names nothing in a browser that has everything', () => {
    expect(missingCapabilities(complete())).toEqual([]);
  });

  it('names each missing capability', () => {
    expect(missingCapabilities({ ...complete(), Worker: fakeWorker(false) })).toEqual(['module workers']);
    expect(missingCapabilities({ ...complete(), Worker: undefined })).toEqual(['module workers']);
    expect(missingCapabilities({ ...complete(), WebAssembly: undefined })).toEqual(['WebAssembly']);
    expect(missingCapabilities({ ...complete(), CompressionStream: undefined })).toEqual(['CompressionStream']);
    expect(missingCapabilities({ ...complete(), DecompressionStream: undefined })).toEqual(['CompressionStream']);
    expect(missingCapabilities({ ...complete(), indexedDB: undefined })).toEqual(['IndexedDB']);
  });

  it('names them all, in order, in a browser that has none', () => {
    expect(missingCapabilities({})).toEqual(['module workers', 'WebAssembly', 'CompressionStream', 'IndexedDB']);
  });

  it('counts a Worker constructor that throws as no module workers, and releases the probe URL', () => {
    const revoked: string[] = [];
    const Worker = function Worker() {
      throw new Error('SecurityError');
    };
    const URL = { createObjectURL: () => 'blob:probe', revokeObjectURL: (u: string) => void revoked.push(u) };
    expect(missingCapabilities({ ...complete(), Worker, URL })).toEqual(['module workers']);
    expect(revoked).toEqual(['blob:probe']);
  });

  it('does not need a secure context: that is for offline use only', () => {
    expect(missingCapabilities({ ...complete(), isSecureContext: false, navigator: {} })).toEqual([]);
  });
});

describe('canWorkOffline', () => {
  it('needs a secure context with service workers', () => {
    expect(canWorkOffline(complete())).toBe(true);
    expect(canWorkOffline({ ...complete(), isSecureContext: false })).toBe(false);
    // Plain http: browsers leave navigator.serviceWorker undefined.
    expect(canWorkOffline({ ...complete(), navigator: {} })).toBe(false);
    expect(canWorkOffline({})).toBe(false);
  });
});
