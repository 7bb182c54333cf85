// `npm run doctor` against the running local stack: every line passes for the demo user, and
// wrong origins, passwords and configs each fail on their own line with a reason.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatCheck, type Check } from '../../scripts/doctor/check.ts';
import { runDoctor } from '../../scripts/doctor/run.ts';
import { localConfig, stackUrl } from './support/stack.ts';

const ORIGIN = 'http://localhost:5173';
const byName = (checks: Check[]): Record<string, Check> => Object.fromEntries(checks.map((c) => [c.name, c]));
const failed = (checks: Check[]): string[] => checks.filter((c) => c.verdict === 'fail').map(formatCheck);

describe('doctor on the local stack', () => {
  const dir = mkdtempSync(join(tmpdir(), 'seoyeon-doctor-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('passes every line for the demo user, calling each service the browser calls', async () => {
    const checks = await runDoctor({ config: `${stackUrl()}/_local/config`, origin: ORIGIN, username: 'demo', password: 'Demo-pass-1' });
    expect(failed(checks)).toEqual([]);
    const lines = byName(checks);
    for (const name of [
      'config',
      'CORS Cognito user pool',
      'CORS Cognito identity pool',
      'CORS Bedrock runtime',
      'CORS Bedrock control plane',
      'CORS S3',
      'CORS DynamoDB',
      'CORS Kendra',
      'sign-in',
      'DynamoDB own items',
      'S3 own prefix',
      'Kendra index',
    ]) {
      expect(lines[name]?.verdict, name).toBe('pass');
    }
    const config = await localConfig();
    expect(lines[`model ${config.defaultModelId}`]?.detail).toMatch(/answered one token/);
    expect(lines['Kendra index']?.detail).toMatch(/ACTIVE/);
  });

  it('sends a one-token request every model family accepts', async () => {
    const config = await localConfig();
    // The default model (a Claude profile id) is checked first; these cover the other families.
    const allowedModelIds = [
      'anthropic.claude-sonnet-4-20250514-v1:0',
      'meta.llama3-1-70b-instruct-v1:0',
      'meta.llama2-13b-chat-v1',
      'amazon.titan-text-express-v1',
      'amazon.nova-lite-v1:0',
      'mistral.mistral-7b-instruct-v0:2',
    ];
    const file = join(dir, 'families.json');
    writeFileSync(file, JSON.stringify({ ...config, allowedModelIds }));
    const checks = await runDoctor({ config: file, origin: ORIGIN, username: 'demo', password: 'Demo-pass-1' });
    expect(failed(checks)).toEqual([]);
    for (const id of [config.defaultModelId, ...allowedModelIds]) {
      expect(byName(checks)[`model ${id}`]?.verdict, id).toBe('pass');
    }
  });

  it('skips the signed-in checks with a reason when no credentials are given', async () => {
    const checks = await runDoctor({ config: `${stackUrl()}/_local/config`, origin: ORIGIN });
    const lines = byName(checks);
    expect(failed(checks)).toEqual([]);
    expect(lines['sign-in']?.verdict).toBe('skip');
    expect(lines.models?.detail).toMatch(/--username/);
    expect(lines['Kendra index']?.verdict).toBe('skip');
  });

  it('fails each CORS line for an origin the stack does not allow', async () => {
    const checks = await runDoctor({ config: `${stackUrl()}/_local/config`, origin: 'https://evil.example' });
    const cors = checks.filter((c) => c.name.startsWith('CORS '));
    expect(cors.length).toBe(7);
    for (const c of cors) expect(c.verdict, c.name).toBe('fail');
  });

  it('fails sign-in with the service\'s reason for a wrong password', async () => {
    const checks = await runDoctor({ config: `${stackUrl()}/_local/config`, origin: ORIGIN, username: 'demo', password: 'wrong-pass-1' });
    expect(byName(checks)['sign-in']).toMatchObject({ verdict: 'fail', detail: expect.stringMatching(/NotAuthorized/) });
    expect(byName(checks)['Kendra index']).toMatchObject({ verdict: 'skip', detail: expect.stringMatching(/sign-in failed/) });
  });

  it('fails a model the stack does not know, on its own line', async () => {
    const config = await localConfig();
    const file = join(dir, 'unknown-model.json');
    writeFileSync(file, JSON.stringify({ ...config, allowedModelIds: ['amazon.nova-lite-v1:0', 'anthropic.claude-9-imaginary-v1:0'] }));
    const lines = byName(await runDoctor({ config: file, origin: ORIGIN, username: 'demo', password: 'Demo-pass-1' }));
    expect(lines['model amazon.nova-lite-v1:0']?.verdict).toBe('pass');
    expect(lines['model anthropic.claude-9-imaginary-v1:0']?.verdict).toBe('fail');
  });

  it('stops at an incomplete config and names what is missing', async () => {
    const { table: _drop, ...partial } = await localConfig();
    const file = join(dir, 'partial.json');
    writeFileSync(file, JSON.stringify(partial));
    const checks = await runDoctor({ config: file, origin: ORIGIN });
    expect(checks).toHaveLength(1);
    expect(checks[0]).toMatchObject({ name: 'config', verdict: 'fail', detail: expect.stringContaining('table is missing') });
  });

  it('runs as npm run doctor: ✓ lines and exit 0, ✗ lines and exit 1', () => {
    const run = (origin: string) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'scripts/doctor.ts', '--config', `${stackUrl()}/_local/config`, '--origin', origin], {
        encoding: 'utf8',
        env: { ...process.env, SEOYEON_DOCTOR_USER: 'demo', SEOYEON_DOCTOR_PASSWORD: 'Demo-pass-1' },
        timeout: 60_000,
      });
    const good = run(ORIGIN);
    expect(good.stdout).toMatch(/^✓ config: /m);
    expect(good.stdout).toMatch(/^✓ Kendra index: .*ACTIVE/m);
    expect(good.stdout).toContain('All checks passed.');
    expect(good.status).toBe(0);
    const bad = run('https://evil.example');
    expect(bad.stdout).toMatch(/^✗ CORS DynamoDB: .*403/m);
    expect(bad.status).toBe(1);
  });
});
