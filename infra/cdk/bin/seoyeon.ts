// CDK entry: `cdk synth|deploy|destroy` run it with tsx (see cdk.json). Settings come from context.
import { App } from 'aws-cdk-lib';
import { readSettings } from '../lib/settings.ts';
import { buildApp } from '../lib/stacks.ts';

const app = new App();
// The CLI sets CDK_DEFAULT_ACCOUNT when credentials exist; without them the stacks stay
// account-agnostic, which is what lets `npm run synth` work offline.
buildApp(app, readSettings((key) => app.node.tryGetContext(key)), process.env.CDK_DEFAULT_ACCOUNT);
app.synth();
