// npm run doctor — checks a deployed (or local) config.json the way the browser will use it.
//   --config <file-or-url>   default public/config.json
//   --origin <origin>        the site's origin for CORS, default http://localhost:5173
//   --username / --password  a test user (or SEOYEON_DOCTOR_USER / SEOYEON_DOCTOR_PASSWORD);
//                            without them the model and index checks are skipped.
// Exit code 1 when any check fails.
import { join } from 'node:path';
import { formatCheck } from './doctor/check.ts';
import { runDoctor } from './doctor/run.ts';

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

const args = process.argv.slice(2);
const checks = await runDoctor({
  config: option(args, '--config') ?? join(import.meta.dirname, '..', 'public', 'config.json'),
  origin: option(args, '--origin') ?? 'http://localhost:5173',
  username: option(args, '--username') ?? process.env.SEOYEON_DOCTOR_USER,
  password: option(args, '--password') ?? process.env.SEOYEON_DOCTOR_PASSWORD,
  onCheck: (c) => console.log(formatCheck(c)),
});
const failed = checks.filter((c) => c.verdict === 'fail').length;
console.log(failed === 0 ? '\nAll checks passed.' : `\n${failed} check(s) failed.`);
process.exitCode = failed === 0 ? 0 : 1;
