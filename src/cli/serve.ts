/**
 * `npm start [-- file.csv]`: serves the built app on localhost and prints its address. Without a
 * file the address opens the bundled sample; with one, the page loads that file from this server
 * (same origin), so it still never leaves the machine.
 */
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { preview } from 'vite';
import { headersOf, parseHeadersFile } from '../lib/headers-file.ts';
import { DEFAULT_SAMPLE } from '../lib/samples.ts';

/**
 * What a static host reading public/_headers sends with every response: the page's policy as a header
 * (which reaches what a <meta> cannot, such as frame-ancestors). Read from that one file, so both agree.
 */
const SITE_HEADERS = headersOf(parseHeadersFile(readFileSync(path.resolve(import.meta.dirname, '../../public/_headers'), 'utf8')), '/*');
if (!SITE_HEADERS['Content-Security-Policy']) throw new Error('public/_headers sends no Content-Security-Policy for /*');

const file = process.argv[2];
if (file && !existsSync(file)) {
  console.error(`No such file: ${file}`);
  process.exit(1);
}
const served = file ? path.basename(file) : null;

const server = await preview({
  preview: { port: Number(process.env.PORT ?? 4173), open: false, headers: SITE_HEADERS },
  plugins: [
    {
      name: 'serve-local-file',
      configurePreviewServer(s) {
        s.middlewares.use('/local-file', (_req, res) => {
          if (!file) return void ((res.statusCode = 404), res.end());
          res.setHeader('Content-Type', 'application/octet-stream');
          res.setHeader('Content-Length', String(statSync(file).size));
          createReadStream(file).pipe(res);
        });
      },
    },
  ],
});
const base = server.resolvedUrls?.local[0] ?? 'http://localhost:4173/';
console.log(`\n  Segment Workbench: ${base}${served ? `?file=${encodeURIComponent(served)}` : `?sample=${DEFAULT_SAMPLE.id}`}\n`);
