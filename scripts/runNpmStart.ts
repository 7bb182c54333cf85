// Runs `npm start` as a child on free ports and a fresh data directory, exactly as a newcomer
// would, for the end-to-end tests and the benchmark; stop() ends its whole process group.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RunningApp {
  appUrl: string;
  stackUrl: string;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export async function runNpmStart(
  options: { cwd?: string; env?: Record<string, string>; timeoutMs?: number; preview?: boolean } = {},
): Promise<RunningApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'seoyeon-app-'));
  const [stackPort, webPort] = [await freePort(), await freePort()];
  const child = spawn('npm', options.preview ? ['start', '--', '--preview'] : ['start'], {
    cwd: options.cwd ?? process.cwd(),
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      LOCAL_AWS_DATA: dataDir,
      LOCAL_AWS_PORT: String(stackPort),
      SEOYEON_WEB_PORT: String(webPort),
      LOCAL_LLM_URL: '',
      ...options.env,
    },
  });
  const stop = async () => {
    if (child.pid !== undefined && child.exitCode === null) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
      }
      await new Promise((r) => setTimeout(r, 500));
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  let output = '';
  const timeoutMs = options.timeoutMs ?? 120_000;
  try {
    const appUrl = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`npm start did not come up in ${timeoutMs / 1000} s:\n${output}`)), timeoutMs);
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /Seoyeon is running: (\S+)/.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      });
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`npm start exited with ${code}:\n${output}`));
      });
    });
    return { appUrl, stackUrl: `http://127.0.0.1:${stackPort}`, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
