import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/**
 * SHA-256 of the text's UTF-8 bytes, lowercase hex. Synchronous and the same on every page: not
 * `crypto.subtle`, which a browser offers only in secure contexts (https, localhost), so the hashed
 * formats would be missing on a plain-http host; and async, which a CSV writer does not need.
 */
export function sha256Hex(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text)));
}
