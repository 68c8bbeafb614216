import { decodeAsBrowsers } from '../src/cli/decode-as-browsers.ts';

// Shared code decodes through TextDecoder; in Node it must decode as in the browser (and as the
// CLI, which patches the same globals at start), or a test would see Node's windows-1252 and Shift_JIS.
decodeAsBrowsers();
