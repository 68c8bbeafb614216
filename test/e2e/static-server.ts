import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createTcpServer, type Socket } from 'node:net';
import path from 'node:path';

export const DIST = path.resolve(import.meta.dirname, '../../dist');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.csv': 'text/csv',
  '.md': 'text/markdown',
};

/** A plain static host for dist under a folder (`/` or `/some/sub/path/`), logging every request it receives. */
export interface StaticHost {
  origin: string;
  /** The app's address: origin + folder. */
  url: string;
  /** Every request, as `METHOD /path`, in the order received. */
  requests: string[];
  /** When set, what the host sends instead of a file (by its path in the folder): a new deployment, in a test. */
  rewrite: ((file: string, body: string) => string) | null;
  /** Ends the server and every open connection: the host is gone. */
  stop(): Promise<void>;
}

export async function startStaticHost(port: number, folder = '/', root = DIST): Promise<StaticHost> {
  const requests: string[] = [];
  const sockets = new Set<Socket>();
  const host = { rewrite: null as StaticHost['rewrite'] };
  const server: Server = createHttpServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (!pathname.startsWith(folder)) return void res.writeHead(404).end();
    let file = path.join(root, pathname.slice(folder.length));
    if (!file.startsWith(root)) return void res.writeHead(403).end();
    if (existsSync(file) && statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (!existsSync(file)) return void res.writeHead(404).end();
    const headers = { 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-cache' };
    if (host.rewrite) {
      const body = host.rewrite(path.relative(root, file).split(path.sep).join('/'), readFileSync(file, 'latin1'));
      return void res.writeHead(200, headers).end(Buffer.from(body, 'latin1'));
    }
    res.writeHead(200, { ...headers, 'Content-Length': statSync(file).size });
    createReadStream(file).pipe(res);
  });
  server.on('connection', (s) => (sockets.add(s), s.on('close', () => sockets.delete(s))));
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${port}`;
  return Object.assign(host, {
    origin,
    url: `${origin}${folder}`,
    requests,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      }),
  });
}

/** What a connection to the counter sent: its request line, or that it sent nothing (yet). */
export const NOTHING_YET = '(connection open, nothing sent yet)';
export const NOTHING_SENT = '(connection closed, nothing sent)';

/**
 * Listens where a stopped host was, answering nothing: every connection the browser opens to that port
 * afterwards (a page's request or a service worker's) is recorded, with the request line it sent if any.
 */
export async function startConnectionCounter(port: number): Promise<{ seen: string[]; stop: () => Promise<void> }> {
  const seen: string[] = [];
  const sockets = new Set<Socket>();
  const server = createTcpServer((socket) => {
    const at = seen.push(NOTHING_YET) - 1;
    sockets.add(socket);
    socket.once('data', (chunk) => {
      seen[at] = chunk.toString('latin1').split('\r\n')[0];
      socket.destroy();
    });
    socket.on('close', () => {
      sockets.delete(socket);
      if (seen[at] === NOTHING_YET) seen[at] = NOTHING_SENT;
    });
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', resolve));
  return {
    seen,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      }),
  };
}
