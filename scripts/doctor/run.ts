// Runs every check in order and returns the verdict lines; scripts/doctor.ts prints them.
import { describeError, fail, pass, skip, type Check } from './check.ts';
import { checkConfig, loadConfigSource } from './config.ts';
import { endpointsFor, preflight, skippedKendraCors } from './cors.ts';
import { checkKendra, checkModel, checkOwnData, modelsToCheck } from './probes.ts';
import { signIn, type Session } from './signin.ts';

export interface DoctorOptions {
  config: string;
  origin: string;
  username?: string;
  password?: string;
  /** Called with each line as soon as it is known. */
  onCheck?: (check: Check) => void;
}

export async function runDoctor(options: DoctorOptions): Promise<Check[]> {
  const checks: Check[] = [];
  const add = (c: Check): void => {
    checks.push(c);
    options.onCheck?.(c);
  };

  let raw: unknown;
  try {
    raw = await loadConfigSource(options.config);
  } catch (err) {
    add(fail('config', `cannot read ${options.config}: ${describeError(err)}`));
    return checks;
  }
  const { check, config } = checkConfig(raw, options.config);
  add(check);
  if (!config) return checks;

  const endpoints = endpointsFor(config);
  for (const c of await Promise.all(endpoints.map((e) => preflight(e, options.origin)))) add(c);
  if (!config.kendra) add(skippedKendraCors());

  let session: Session | null = null;
  let why = 'no credentials (pass --username/--password or SEOYEON_DOCTOR_USER/SEOYEON_DOCTOR_PASSWORD)';
  if (!options.username || !options.password) {
    add(skip('sign-in', why));
    add(skip('models', why));
  } else {
    try {
      session = await signIn(config, options.username, options.password);
      add(pass('sign-in', `${options.username} signed in; identity ${session.identityId}`));
    } catch (err) {
      add(fail('sign-in', describeError(err)));
      why = 'sign-in failed';
    }
    if (session) {
      for (const c of await checkOwnData(config, session)) add(c);
      for (const id of modelsToCheck(config)) add(await checkModel(config, session, id));
    } else {
      add(skip('models', why));
    }
  }
  add(await checkKendra(config, session, why));
  return checks;
}
