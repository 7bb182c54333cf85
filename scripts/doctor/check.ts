// One line of the doctor's verdict.
export type Verdict = 'pass' | 'fail' | 'skip';

export interface Check {
  name: string;
  verdict: Verdict;
  detail: string;
}

export const pass = (name: string, detail: string): Check => ({ name, verdict: 'pass', detail });
export const fail = (name: string, detail: string): Check => ({ name, verdict: 'fail', detail });
export const skip = (name: string, detail: string): Check => ({ name, verdict: 'skip', detail });

const MARK: Record<Verdict, string> = { pass: '✓', fail: '✗', skip: '–' };

export function formatCheck(c: Check): string {
  return `${MARK[c.verdict]} ${c.name}: ${c.detail}`;
}

export function describeError(err: unknown): string {
  if (err instanceof Error) {
    const code = (err as { name?: string }).name;
    return code && code !== 'Error' && !err.message.startsWith(code) ? `${code}: ${err.message}` : err.message;
  }
  return String(err);
}
