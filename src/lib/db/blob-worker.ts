/**
 * The source of a worker started from a `blob:` URL that only loads the real script. A worker made from
 * a blob inherits the policy of whoever made it (the page, or a worker under the page's policy); one
 * loaded by its own URL would take the policy of that URL's response, none on a static host.
 * The script's URL must be absolute: a blob: URL is no base to resolve a relative one against.
 */
export function blobWorkerSource(kind: 'module' | 'classic', absoluteUrl: string): string {
  const url = new URL(absoluteUrl);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`A worker script must be served over http(s): ${absoluteUrl}`);
  const quoted = JSON.stringify(url.href);
  return kind === 'module' ? `import ${quoted};\n` : `importScripts(${quoted});\n`;
}
