// The local user pool's data: users (with their pending codes) and refresh-token sessions, kept
// as two JSON files under <data>/cognito/ so sign-ups and sign-ins survive a restart.
import { createHash, randomBytes, randomInt, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { readJson, writeJsonAtomic } from '../persist.ts';

export type CodeKind = 'signup' | 'reset';

export interface PendingCode {
  code: string;
  kind: CodeKind;
  /** Epoch milliseconds. */
  expiresAt: number;
}

export interface UserRecord {
  username: string;
  sub: string;
  passwordHash: string;
  confirmed: boolean;
  /** Every attribute except sub, e.g. email, email_verified ('true'/'false'), name, custom:*. */
  attributes: Record<string, string>;
  groups: string[];
  createdAt: string;
  updatedAt: string;
  code?: PendingCode;
}

/** One sign-in: its refresh token (kept only as a hash) and what every token it mints shares. */
export interface Session {
  /** Also the tokens' `origin_jti`, which lets access tokens die with their refresh token. */
  id: string;
  refreshHash: string;
  usernameKey: string;
  sub: string;
  clientId: string;
  /** Epoch seconds of the password sign-in. */
  authTime: number;
  eventId: string;
  /** Epoch milliseconds. */
  expiresAt: number;
  revoked: boolean;
}

interface UsersFile {
  version: 1;
  users: UserRecord[];
}

export const REFRESH_TOKEN_TTL_MS = 30 * 24 * 3600 * 1000;

const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

/** Usernames are case-insensitive, like a pool made with the default `signInCaseSensitive: false`. */
export const usernameKey = (username: string) => username.normalize('NFC').toLowerCase();

export class UserStore {
  private readonly usersFile: string;
  private readonly sessionsFile: string;
  private readonly users = new Map<string, UserRecord>();
  private readonly sessions = new Map<string, Session>();

  constructor(dataDir: string) {
    const dir = join(dataDir, 'cognito');
    this.usersFile = join(dir, 'users.json');
    this.sessionsFile = join(dir, 'sessions.json');
    for (const u of readJson<UsersFile>(this.usersFile, { version: 1, users: [] }).users) this.users.set(usernameKey(u.username), u);
    for (const s of readJson<Session[]>(this.sessionsFile, [])) this.sessions.set(s.id, s);
  }

  get size(): number {
    return this.users.size;
  }

  get(username: string): UserRecord | undefined {
    return this.users.get(usernameKey(username));
  }

  bySub(sub: string): UserRecord | undefined {
    for (const u of this.users.values()) if (u.sub === sub) return u;
    return undefined;
  }

  list(): UserRecord[] {
    return [...this.users.values()];
  }

  create(init: Pick<UserRecord, 'username' | 'passwordHash' | 'confirmed' | 'attributes' | 'groups'>): UserRecord {
    const now = new Date().toISOString();
    const user: UserRecord = { ...init, sub: randomUUID(), createdAt: now, updatedAt: now };
    this.users.set(usernameKey(user.username), user);
    this.saveUsers();
    return user;
  }

  update(user: UserRecord, change: (u: UserRecord) => void): void {
    change(user);
    user.updatedAt = new Date().toISOString();
    this.saveUsers();
  }

  delete(user: UserRecord): void {
    this.users.delete(usernameKey(user.username));
    for (const [id, s] of this.sessions) if (s.sub === user.sub) this.sessions.delete(id);
    this.saveUsers();
    this.saveSessions();
  }

  /** A fresh 6-digit code replaces any earlier one, as in Cognito. */
  issueCode(user: UserRecord, kind: CodeKind, ttlMs: number): PendingCode {
    const code: PendingCode = { code: String(randomInt(0, 1_000_000)).padStart(6, '0'), kind, expiresAt: Date.now() + ttlMs };
    this.update(user, (u) => (u.code = code));
    return code;
  }

  startSession(user: UserRecord, clientId: string): { session: Session; refreshToken: string } {
    this.pruneSessions();
    const refreshToken = randomBytes(96).toString('base64url');
    const session: Session = {
      id: randomUUID(),
      refreshHash: hashToken(refreshToken),
      usernameKey: usernameKey(user.username),
      sub: user.sub,
      clientId,
      authTime: Math.floor(Date.now() / 1000),
      eventId: randomUUID(),
      expiresAt: Date.now() + REFRESH_TOKEN_TTL_MS,
      revoked: false,
    };
    this.sessions.set(session.id, session);
    this.saveSessions();
    return { session, refreshToken };
  }

  sessionByRefreshToken(refreshToken: string): Session | undefined {
    const hash = hashToken(refreshToken);
    for (const s of this.sessions.values()) if (s.refreshHash === hash) return s;
    return undefined;
  }

  session(id: string): Session | undefined {
    return this.sessions.get(id);
  }

  revoke(session: Session): void {
    session.revoked = true;
    this.saveSessions();
  }

  revokeAll(sub: string): number {
    let n = 0;
    for (const s of this.sessions.values()) {
      if (s.sub === sub && !s.revoked) {
        s.revoked = true;
        n++;
      }
    }
    this.saveSessions();
    return n;
  }

  private pruneSessions(): void {
    const now = Date.now();
    for (const [id, s] of this.sessions) if (s.expiresAt < now) this.sessions.delete(id);
  }

  private saveUsers(): void {
    writeJsonAtomic(this.usersFile, { version: 1, users: this.list() } satisfies UsersFile);
  }

  private saveSessions(): void {
    writeJsonAtomic(this.sessionsFile, [...this.sessions.values()]);
  }
}
