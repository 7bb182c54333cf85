// npm run synth | deploy | destroy — the CDK app in infra/cdk, in one command each.
//   synth    writes infra/cdk/cdk.out; offline, no credentials needed.
//   deploy   deploys every stack and writes public/config.json from the stack outputs.
//   destroy  deletes the stacks; bucket and table stay unless `--purge` is given.
// Options: -c key=value (CDK context, repeatable), --profile NAME, --require-approval never|broadening,
//          --config-out FILE (default public/config.json).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DeleteObjectsCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import {
  CDK_DIR,
  cliMaxSchema,
  downlevelManifest,
  mergedContext,
  synthesizeAssembly,
} from '../infra/cdk/tooling/assembly.ts';
import { outputsToRuntimeConfig, type StackOutputs } from '../infra/cdk/tooling/outputs.ts';
import { OUTPUT } from '../infra/cdk/lib/stacks.ts';
import { readSettings } from '../infra/cdk/lib/settings.ts';

const ROOT = join(import.meta.dirname, '..');
const OUT_DIR = join(CDK_DIR, 'cdk.out');
const OUTPUTS_FILE = join(CDK_DIR, 'outputs.json');

interface Args {
  command: 'synth' | 'deploy' | 'destroy';
  context: Record<string, string>;
  cdkArgs: string[];
  purge: boolean;
  configOut: string;
}

function parseArgs(argv: string[]): Args {
  const [command, ...rest] = argv;
  if (command !== 'synth' && command !== 'deploy' && command !== 'destroy') {
    throw new Error('usage: tsx scripts/deploy.ts synth|deploy|destroy [-c key=value] [--profile p] [--purge]');
  }
  const args: Args = { command, context: {}, cdkArgs: [], purge: false, configOut: join(ROOT, 'public', 'config.json') };
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i] ?? '';
    if (a === '-c' || a === '--context') {
      const kv = rest[++i] ?? '';
      const eq = kv.indexOf('=');
      if (eq < 1) throw new Error(`context must be key=value, got "${kv}"`);
      args.context[kv.slice(0, eq)] = kv.slice(eq + 1);
    } else if (a === '--purge') {
      args.purge = true;
    } else if (a === '--config-out') {
      args.configOut = rest[++i] ?? args.configOut;
    } else if (a === '--profile' || a === '--require-approval') {
      args.cdkArgs.push(a, rest[++i] ?? '');
    } else {
      args.cdkArgs.push(a);
    }
  }
  return args;
}

function cdk(args: string[], opts: { capture?: boolean } = {}): { status: number; stderr: string } {
  const result = spawnSync('npx', ['--no-install', 'cdk', ...args], {
    cwd: CDK_DIR,
    env: { ...process.env, CDK_DISABLE_CLI_TELEMETRY: 'true' },
    stdio: opts.capture ? ['inherit', 'inherit', 'pipe'] : 'inherit',
    encoding: 'utf8',
  });
  return { status: result.status ?? 1, stderr: result.stderr ?? '' };
}

/** Synthesizes, then makes sure the installed CLI can read the assembly. */
function prepareAssembly(context: Record<string, unknown>): void {
  synthesizeAssembly(OUT_DIR, context, process.env.CDK_DEFAULT_ACCOUNT);
  const probe = cdk(['--app', OUT_DIR, 'ls'], { capture: true });
  if (probe.status === 0) return;
  const max = cliMaxSchema(probe.stderr);
  if (max === null) throw new Error(`the CDK CLI cannot read the assembly:\n${probe.stderr}`);
  downlevelManifest(OUT_DIR, max);
  const retry = cdk(['--app', OUT_DIR, 'ls'], { capture: true });
  if (retry.status !== 0) throw new Error(`the CDK CLI cannot read the assembly:\n${retry.stderr}`);
}

function deploy(args: Args, context: Record<string, unknown>): StackOutputs {
  prepareAssembly(context);
  const run = cdk(['--app', OUT_DIR, 'deploy', '--all', '--outputs-file', OUTPUTS_FILE, ...args.cdkArgs]);
  if (run.status !== 0) throw new Error('cdk deploy failed');
  return JSON.parse(readFileSync(OUTPUTS_FILE, 'utf8')) as StackOutputs;
}

async function emptyBucket(bucket: string, region: string): Promise<void> {
  const s3 = new S3Client({ region });
  let token: string | undefined;
  let removed = 0;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token }));
    const keys = (page.Contents ?? []).map((o) => ({ Key: o.Key ?? '' })).filter((o) => o.Key !== '');
    if (keys.length > 0) {
      await s3.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: keys, Quiet: true } }));
      removed += keys.length;
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  console.log(`emptied s3://${bucket} (${removed} objects)`);
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const context = mergedContext(args.context);
  const settings = readSettings((k) => context[k]);

  if (args.command === 'synth') {
    synthesizeAssembly(OUT_DIR, context, process.env.CDK_DEFAULT_ACCOUNT);
    console.log(`synthesized ${settings.stackName} into ${OUT_DIR}`);
    return;
  }

  if (args.command === 'deploy') {
    const outputs = deploy(args, context);
    const config = outputsToRuntimeConfig(outputs, settings.stackName);
    mkdirSync(dirname(args.configOut), { recursive: true });
    writeFileSync(args.configOut, `${JSON.stringify(config, null, 2)}\n`);
    console.log(`wrote ${args.configOut}; next: npm run doctor -- --origin <your site origin>`);
    return;
  }

  if (args.purge) {
    // Deletion policies are read from the deployed template, so switch them first.
    const purgeContext = { ...context, retainData: 'false' };
    const outputs = deploy({ ...args, cdkArgs: [...args.cdkArgs, '--require-approval', 'never'] }, purgeContext);
    const bucket = outputs[settings.stackName]?.[OUTPUT.bucket];
    if (bucket) await emptyBucket(bucket, settings.region);
    prepareAssembly(purgeContext);
  } else {
    prepareAssembly(context);
  }
  const run = cdk(['--app', OUT_DIR, 'destroy', '--all', ...args.cdkArgs]);
  if (run.status !== 0) throw new Error('cdk destroy failed');
  if (!args.purge) console.log('The documents bucket and the table were kept; `npm run destroy -- --purge` deletes them too.');
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
