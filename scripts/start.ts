// `npm start`: the local AWS stack and the Vite dev server in one process, so a newcomer has a
// working chatbot with no AWS account. Ctrl+C stops both.
export {};

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
// A realistic pace for the offline engine, so streaming looks like streaming.
process.env.LOCAL_LLM_TTFT_MS ??= '350';
process.env.LOCAL_LLM_TOKENS_PER_S ??= '45';

const webPort = Number(process.env.SEOYEON_WEB_PORT ?? 5173);
const webOrigins = [`http://localhost:${webPort}`, `http://127.0.0.1:${webPort}`];
process.env.LOCAL_AWS_CORS_ORIGINS = [process.env.LOCAL_AWS_CORS_ORIGINS, ...webOrigins].filter(Boolean).join(',');

const { startReadyLocalStack, DEMO_USER } = await import('../infra/local/stack.ts');
const { closeOnSignal } = await import('../infra/local/signals.ts');
const stack = await startReadyLocalStack();

process.env.SEOYEON_LOCAL_AWS = stack.url;
// `npm start -- --preview` serves the production build in dist/ (run `npm run build` first).
const previewBuild = process.argv.includes('--preview');
const { createServer, preview } = await import('vite');
const web = { port: webPort, host: '127.0.0.1', strictPort: true };
const vite = previewBuild ? await preview({ preview: web }) : await createServer({ server: web });
if (!previewBuild) await (vite as Awaited<ReturnType<typeof createServer>>).listen();
const appUrl = `http://localhost:${webPort}/`;
console.log('');
console.log(`  서연 Seoyeon is running: ${appUrl}`);
console.log(`  Sign in with the demo account: ${DEMO_USER.username} / ${DEMO_USER.password}`);
console.log(`  Local AWS data is kept in ${stack.dataDir} (delete it to start afresh).`);
console.log('');

closeOnSignal(() => Promise.all([vite.close(), stack.close()]));
