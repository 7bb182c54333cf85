// What the local stack provisioned on its first start: resource names and ids, and the token
// signing key. Kept in <data>/state.json so the runtime config stays the same across restarts.
import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { generateKeyPair, type StoredKeyPair } from './jwt.ts';
import { readJson, writeJsonAtomic } from './persist.ts';

export interface LocalState {
  version: 1;
  region: string;
  bedrockRegion: string;
  kendraRegion: string;
  userPoolId: string;
  userPoolClientId: string;
  identityPoolId: string;
  table: string;
  bucket: string;
  kendraIndexId: string;
  signingKey: StoredKeyPair;
  createdAt: string;
}

export const LOCAL_REGION = 'ap-northeast-2';
export const LOCAL_BEDROCK_REGION = 'us-west-2';
export const LOCAL_KENDRA_REGION = 'ap-northeast-1';

const alnum = (n: number) =>
  [...randomBytes(n)].map((b) => 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'[b % 62]).join('');

export function loadOrCreateState(dataDir: string): { state: LocalState; created: boolean } {
  const file = join(dataDir, 'state.json');
  const existing = readJson<LocalState | null>(file, null);
  if (existing) return { state: existing, created: false };
  const state: LocalState = {
    version: 1,
    region: LOCAL_REGION,
    bedrockRegion: LOCAL_BEDROCK_REGION,
    kendraRegion: LOCAL_KENDRA_REGION,
    userPoolId: `${LOCAL_REGION}_${alnum(9)}`,
    userPoolClientId: alnum(26).toLowerCase(),
    identityPoolId: `${LOCAL_REGION}:${randomUUID()}`,
    table: 'seoyeon-local',
    bucket: 'seoyeon-local',
    kendraIndexId: randomUUID(),
    signingKey: generateKeyPair(),
    createdAt: new Date().toISOString(),
  };
  writeJsonAtomic(file, state);
  return { state, created: true };
}
