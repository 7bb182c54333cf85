// `npm run local`: the local AWS stack alone, in the foreground.
import { closeOnSignal } from './signals.ts';
import { DEMO_USER, startReadyLocalStack } from './stack.ts';

// The SDK warns that Node 20 support ends in 2027; the stack pins Node 20 knowingly.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const stack = await startReadyLocalStack();
console.log(`  data: ${stack.dataDir}  ·  demo sign-in: ${DEMO_USER.username} / ${DEMO_USER.password}  ·  config: ${stack.url}/_local/config`);

closeOnSignal(() => stack.close());
