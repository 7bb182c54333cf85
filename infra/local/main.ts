// `npm run local`: the local AWS stack alone, in the foreground.
import { DEMO_USER, startLocalStack } from './stack.ts';

// The SDK warns that Node 20 support ends in 2027; the stack pins Node 20 knowingly.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const stack = await startLocalStack();
const report = await stack.health();
if (report.status !== 'ready') {
  for (const [name, h] of Object.entries(report.services)) {
    if (h.state !== 'ready') console.error(`local AWS: ${name} is ${h.state}${h.error ? `: ${h.error}` : ''}`);
  }
  console.error('local AWS failed to start: not every service answers');
  await stack.close();
  process.exit(1);
}
console.log(`local AWS ready on ${stack.url}`);
console.log(`  data: ${stack.dataDir}  ·  demo sign-in: ${DEMO_USER.username} / ${DEMO_USER.password}  ·  config: ${stack.url}/_local/config`);

let closing = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (closing) return;
    closing = true;
    stack.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  });
}
