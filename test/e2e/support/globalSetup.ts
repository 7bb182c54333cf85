// Runs `npm start` (the local stack and the Vite dev server) once for the end-to-end suite, on
// free ports and a fresh data directory, exactly as a newcomer would.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

let child: ChildProcess | undefined;
let dataDir: string | undefined;
let output = '';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export async function setup(project: TestProject): Promise<void> {
  dataDir = mkdtempSync(join(tmpdir(), 'seoyeon-e2e-'));
  const [stackPort, webPort] = [await freePort(), await freePort()];
  child = spawn('npm', ['start'], {
    cwd: process.cwd(),
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      LOCAL_AWS_DATA: dataDir,
      LOCAL_AWS_PORT: String(stackPort),
      SEOYEON_WEB_PORT: String(webPort),
      LOCAL_LLM_URL: '',
      LOCAL_LLM_TTFT_MS: process.env.E2E_LLM_TTFT_MS ?? '150',
      LOCAL_LLM_TOKENS_PER_S: process.env.E2E_LLM_TOKENS_PER_S ?? '80',
    },
  });
  const appUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm start did not come up in 90 s:\n${output}`)), 90_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Seoyeon is running: (\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child!.stdout!.on('data', onData);
    child!.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child!.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`npm start exited with ${code}:\n${output}`));
    });
  });
  project.provide('appUrl', appUrl);
  project.provide('stackUrl', `http://127.0.0.1:${stackPort}`);
}

export async function teardown(): Promise<void> {
  if (child?.pid) {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}
