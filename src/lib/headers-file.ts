/** One rule of a Netlify / Cloudflare Pages `_headers` file: a path and the headers sent for it, in order. */
export interface HeaderRule {
  path: string;
  headers: [name: string, value: string][];
}

/** Reads a `_headers` file: a path at the start of a line, its headers indented under it, `#` comments. */
export function parseHeadersFile(text: string): HeaderRule[] {
  const rules: HeaderRule[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim() || line.trimStart().startsWith('#')) continue;
    if (!/^\s/.test(line)) rules.push({ path: line.trim(), headers: [] });
    else {
      const rule = rules.at(-1);
      const at = line.indexOf(':');
      if (!rule || at < 0) throw new Error(`_headers: a header line outside a rule or without a colon: ${line.trim()}`);
      rule.headers.push([line.slice(0, at).trim(), line.slice(at + 1).trim()]);
    }
  }
  return rules;
}

/** The headers of the rule for one path (exactly as written), by name. */
export function headersOf(rules: readonly HeaderRule[], path: string): Record<string, string> {
  return Object.fromEntries(rules.find((r) => r.path === path)?.headers ?? []);
}
