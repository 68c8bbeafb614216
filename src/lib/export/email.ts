/**
 * Whether a (normalised) e-mail address can go to a tool: one `@`, something before it, a dotted
 * domain after it, no whitespace. Not a full RFC 5322 check: the tools validate on import; this only
 * keeps cells that are plainly not addresses (`n/a`, `-`, a name typed in the wrong column) out of the file.
 */
export function isUsableEmail(email: string): boolean {
  return /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/.test(email);
}
