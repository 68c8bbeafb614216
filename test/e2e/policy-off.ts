import path from 'node:path';
import { startStaticHost, type StaticHost } from './static-server.ts';

export const DIST_UNLOCKED = path.resolve(import.meta.dirname, '../../dist-unlocked');

const META_CSP = /\s*<meta\s+http-equiv="Content-Security-Policy"\s+content="[^"]*"\s*\/?>/;

/** index.html without its Content-Security-Policy: the build is otherwise byte for byte the one served with it. */
export function withoutPolicy(html: string): string {
  if (!META_CSP.test(html)) throw new Error('index.html carries no CSP <meta> to take out');
  return html.replace(META_CSP, '');
}

/**
 * Serves a build with its policy taken out of index.html as it is sent (a plain static host sends no
 * policy header): the matrix's "policy off" builds, with no second build to wait for.
 */
export async function startPolicyOffHost(port: number, root: string): Promise<StaticHost> {
  const host = await startStaticHost(port, '/', root);
  host.rewrite = (file, body) => (file === 'index.html' ? withoutPolicy(body) : body);
  return host;
}
