import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { createReadStream, readdirSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * Under `npm start` the local stack's runtime config is served as /config.json, so the app
 * reads its config the same way in every deployment. Without SEOYEON_LOCAL_AWS (npm run dev),
 * public/config.json of a deployed stack is served as a static file.
 */
function localRuntimeConfig(): Plugin {
  const localAws = process.env.SEOYEON_LOCAL_AWS;
  return {
    name: 'seoyeon-local-config',
    configureServer(server) {
      if (localAws) server.middlewares.use('/config.json', serveLocalConfig(localAws));
    },
    // `npm start -- --preview` serves the production build the same way (the benchmark uses it).
    configurePreviewServer(server) {
      if (localAws) server.middlewares.use('/config.json', serveLocalConfig(localAws));
    },
  };
}

function serveLocalConfig(localAws: string) {
  return (_req: IncomingMessage, res: ServerResponse) => {
    fetch(`${localAws}/_local/config`)
      .then(async (answer) => {
        res.statusCode = answer.status;
        res.setHeader('content-type', 'application/json');
        res.setHeader('cache-control', 'no-store');
        res.end(await answer.text());
      })
      .catch((error: unknown) => {
        res.statusCode = 502;
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ message: `local AWS stack not reachable at ${localAws}: ${String(error)}` }));
      });
  };
}

const PDFJS_FOLDERS = ['cmaps', 'standard_fonts'] as const;

/**
 * pdf.js's CMaps and standard fonts, served under <base>pdfjs/cmaps/ and <base>pdfjs/standard_fonts/
 * (dev middleware; copied into dist on build). pdf.js fetches them from the document worker only
 * when a PDF needs them: without the CMaps, Korean PDFs with non-embedded CID fonts read as empty.
 */
export function pdfjsAssets(): Plugin {
  const pdfjsDir = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
  const files = Object.fromEntries(
    PDFJS_FOLDERS.map((folder) => [folder, new Set(readdirSync(path.join(pdfjsDir, folder)))]),
  ) as Record<(typeof PDFJS_FOLDERS)[number], Set<string>>;
  let base = '/';
  return {
    name: 'seoyeon-pdfjs-assets',
    configResolved(config) {
      base = config.base;
    },
    configureServer(server) {
      server.middlewares.use(`${base}pdfjs`, (req: IncomingMessage, res: ServerResponse, next: () => void) => {
        // Only names pdf.js ships are served, so no path can reach outside its folders.
        const [, folder = '', name = '', ...rest] = decodeURIComponent((req.url ?? '').split('?')[0]!).split('/');
        const known = (PDFJS_FOLDERS as readonly string[]).includes(folder) && rest.length === 0 &&
          files[folder as (typeof PDFJS_FOLDERS)[number]].has(name);
        if (!known || (req.method !== 'GET' && req.method !== 'HEAD')) return next();
        res.setHeader('content-type', name.endsWith('.ttf') ? 'font/ttf' : 'application/octet-stream');
        res.setHeader('cache-control', 'public, max-age=86400');
        if (req.method === 'HEAD') return void res.end();
        createReadStream(path.join(pdfjsDir, folder, name)).pipe(res);
      });
    },
    generateBundle() {
      for (const folder of PDFJS_FOLDERS) {
        for (const name of files[folder]) {
          this.emitFile({ type: 'asset', fileName: `pdfjs/${folder}/${name}`, source: readFileSync(path.join(pdfjsDir, folder, name)) });
        }
      }
    },
  };
}

export default defineConfig({
  plugins: [react(), localRuntimeConfig(), pdfjsAssets()],
  // amazon-cognito-identity-js refers to `global`; without this a production build crashes at load.
  define: { global: 'globalThis' },
  server: { port: 5173, strictPort: true, host: '127.0.0.1' },
  preview: { port: 4173, strictPort: true, host: '127.0.0.1' },
  build: {
    target: 'es2022',
    sourcemap: true,
    manifest: true,
    rolldownOptions: {
      output: {
        // Each AWS SDK client in one chunk of its own. Split between the client's chunk and the
        // adapter that uses a command, Rolldown made the two chunks import each other, and in the
        // production build the adapter's command class was built before the client code it extends
        // ("r is not a function" when the Kendra retriever loaded).
        // Vite's preload helper gets a chunk of its own first: otherwise a client's group takes it in
        // as a dependency and the entry, which needs the helper, would load that client up front.
        codeSplitting: {
          groups: [
            { name: 'preload-helper', test: /vite[\\/]preload-helper/, priority: 2 },
            { name: (id: string) => /node_modules[\\/]@aws-sdk[\\/]client-([a-z0-9-]+)[\\/]/.exec(id)?.[1]?.replace(/^/, 'aws-') ?? null, priority: 1 },
          ],
        },
      },
    },
  },
  worker: { format: 'es' },
});
