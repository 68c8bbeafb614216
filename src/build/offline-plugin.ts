/**
 * Builds the service worker after the app: lists what the build wrote (the app shell, the samples, the
 * DuckDB bundles), derives the version from that list, and writes sw.js with the list in it.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build, type Plugin, type ResolvedConfig } from 'vite';
import { offlineManifest, type BuiltFile } from '../lib/offline/manifest.ts';

const SOURCE = path.resolve(import.meta.dirname, '../sw/service-worker.ts');

function listFiles(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(path.join(dir, entry.name), `${prefix}${entry.name}/`) : [`${prefix}${entry.name}`],
  );
}

/** A hashed asset's name already changes with its content; anything else (index.html, samples) is hashed here. */
function fingerprint(outDir: string, file: string): string {
  if (file.startsWith('assets/')) return file;
  return createHash('sha256')
    .update(readFileSync(path.join(outDir, file)))
    .digest('hex');
}

export function offlinePlugin(): Plugin {
  let config: ResolvedConfig;
  return {
    name: 'segment-workbench-offline',
    apply: 'build',
    configResolved(resolved) {
      config = resolved;
    },
    async closeBundle() {
      const outDir = path.resolve(config.root, config.build.outDir);
      const files: BuiltFile[] = listFiles(outDir).map((file) => ({ path: file, fingerprint: fingerprint(outDir, file) }));
      const manifest = offlineManifest(files);
      const output = await build({
        configFile: false,
        logLevel: 'warn',
        define: { __OFFLINE_MANIFEST__: JSON.stringify(manifest) },
        build: {
          write: false,
          target: 'es2022',
          minify: true,
          lib: { entry: SOURCE, formats: ['iife'], name: 'segmentWorkbenchServiceWorker', fileName: () => 'sw.js' },
        },
      });
      const chunks = (Array.isArray(output) ? output : [output]).flatMap((o) => ('output' in o ? o.output : []));
      const chunk = chunks.find((c) => c.type === 'chunk');
      if (!chunk || chunk.type !== 'chunk') throw new Error('offline plugin: the service worker was not built');
      writeFileSync(path.join(outDir, 'sw.js'), chunk.code);
      const bytes = (list: string[]) => list.reduce((sum, f) => sum + readFileSync(path.join(outDir, f)).length, 0);
      config.logger.info(
        `offline: sw.js ${manifest.version}, shell ${manifest.shell.length} files (${bytes(manifest.shell)} bytes), ` +
          Object.entries(manifest.engines)
            .map(([name, list]) => `${name} ${bytes(list)} bytes`)
            .join(', '),
      );
    },
  };
}
