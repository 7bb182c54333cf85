// Synthesizes the CDK app into a cloud assembly without the CDK CLI (so `npm run synth` works
// offline and with no credentials), and makes that assembly readable by the installed CLI.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const CDK_DIR = join(import.meta.dirname, '..');

/** `cdk.json` context, then `-c key=value` overrides, as the CLI would merge them. */
export function mergedContext(overrides: Record<string, string>): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(join(CDK_DIR, 'cdk.json'), 'utf8')) as { context?: Record<string, unknown> };
  return { ...cdkJson.context, ...overrides };
}

export function synthesizeAssembly(outDir: string, context: Record<string, unknown>, account?: string): void {
  rmSync(outDir, { recursive: true, force: true });
  const env: NodeJS.ProcessEnv = { ...process.env, CDK_OUTDIR: outDir, CDK_CONTEXT_JSON: JSON.stringify(context) };
  if (account) env.CDK_DEFAULT_ACCOUNT = account;
  else delete env.CDK_DEFAULT_ACCOUNT;
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(CDK_DIR, 'bin', 'seoyeon.ts')], {
    cwd: CDK_DIR,
    env,
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error(`synthesis failed (exit ${result.status ?? result.signal})`);
}

const CLI_ARTIFACT_TYPES = new Set(['aws:cloudformation:stack', 'cdk:tree', 'cdk:asset-manifest', 'cdk:cloud-assembly']);

/**
 * aws-cdk-lib 2.276 writes cloud-assembly schema 55, while the newest CLI in the registry reads up
 * to the version it names in its error. Our stacks use nothing newer than stack templates, so the
 * manifest is relabelled to that version and artifacts the older CLI does not know (the
 * feature-flag report) are dropped. With a CLI that reads the assembly as is, nothing changes.
 */
export function downlevelManifest(outDir: string, cliMaxMajor: number): void {
  const path = join(outDir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(path, 'utf8')) as {
    version: string;
    minimumCliVersion?: string;
    artifacts?: Record<string, { type: string }>;
  };
  manifest.version = `${cliMaxMajor}.0.0`;
  delete manifest.minimumCliVersion;
  manifest.artifacts = Object.fromEntries(
    Object.entries(manifest.artifacts ?? {}).filter(([, a]) => CLI_ARTIFACT_TYPES.has(a.type)),
  );
  writeFileSync(path, JSON.stringify(manifest, null, 1));
}

/** Parses "Maximum schema version supported is 43.x.x" from a CLI error, if present. */
export function cliMaxSchema(stderr: string): number | null {
  const m = /Maximum schema version supported is (\d+)\./.exec(stderr);
  return m ? Number(m[1]) : null;
}
