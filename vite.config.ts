import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import type { IncomingMessage, ServerResponse } from 'node:http';

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

export default defineConfig({
  plugins: [react(), localRuntimeConfig()],
  // amazon-cognito-identity-js refers to `global`; without this a production build crashes at load.
  define: { global: 'globalThis' },
  server: { port: 5173, strictPort: true, host: '127.0.0.1' },
  preview: { port: 4173, strictPort: true, host: '127.0.0.1' },
  build: { target: 'es2022', sourcemap: true, manifest: true },
  worker: { format: 'es' },
});
