// OAuth tokens: authorization codes (single use, 60 s), sessions with access/refresh token pairs (refresh is
// single-use rotation: the old pair dies), revocation, and WebSocket tokens for the gateway, which (like
// RingCentral's, docs/emulator.md "WebSocket tokens") stay valid for their TTL and die with their session.
import { randomToken } from '../ids.ts';
import type { Clock } from '../clock.ts';
import type { SessionRec } from '../state.ts';
import type { ChallengeMethod } from './pkce.ts';

export const CODE_TTL_MS = 60_000;
export const WS_TOKEN_TTL_S = 600;
export const DEFAULT_ACCESS_TTL_S = 3600;
export const DEFAULT_REFRESH_TTL_S = 604_800;
export const SCOPE = 'SMS ReadAccounts EditExtensions WebSocket ReadPresence';

export interface AuthCode {
  code: string;
  clientId: string;
  redirectUri: string;
  challenge?: { value: string; method: ChallengeMethod };
  accountId: string;
  extensionId: string;
  expiresAt: number;
  /** The session the code was exchanged for; a replayed code revokes it (RFC 6749 §4.1.2). */
  sessionId?: string;
}

export interface Identity {
  accountId: string;
  extensionId: string;
  clientId: string;
}

export type AccessCheck = { ok: true; session: SessionRec } | { ok: false; reason: 'unknown' | 'expired' };

export class TokenStore {
  private readonly codes = new Map<string, AuthCode>();
  private readonly wsTokens = new Map<string, Identity & { sessionId: string; expiresAt: number }>();
  private readonly byAccess = new Map<string, SessionRec>();
  private readonly byRefresh = new Map<string, SessionRec>();
  private readonly sessions: SessionRec[];

  constructor(
    private readonly clock: Clock,
    sessions: SessionRec[] = [],
  ) {
    this.sessions = sessions.filter((s) => !s.revoked && s.refreshExpiresAt > clock.now());
    for (const session of this.sessions) this.index(session);
  }

  all(): SessionRec[] {
    const now = this.clock.now();
    return this.sessions.filter((s) => !s.revoked && s.refreshExpiresAt > now);
  }

  issueCode(input: Omit<AuthCode, 'code' | 'expiresAt'>): AuthCode {
    const code: AuthCode = { ...input, code: randomToken(24), expiresAt: this.clock.now() + CODE_TTL_MS };
    this.codes.set(code.code, code);
    return code;
  }

  /** The code, whether or not it was already used; callers check `sessionId` and `expiresAt`. */
  findCode(code: string): AuthCode | undefined {
    return this.codes.get(code);
  }

  forgetCode(code: string): void {
    this.codes.delete(code);
  }

  createSession(
    identity: Identity,
    accessTtlS: number,
    refreshTtlS: number,
    endpointId?: string,
  ): SessionRec {
    const now = this.clock.now();
    const session: SessionRec = {
      id: randomToken(12),
      clientId: identity.clientId,
      accountId: identity.accountId,
      extensionId: identity.extensionId,
      scope: SCOPE,
      accessToken: randomToken(),
      accessExpiresAt: now + accessTtlS * 1000,
      refreshToken: randomToken(),
      refreshExpiresAt: now + refreshTtlS * 1000,
      endpointId: endpointId || randomToken(16),
      revoked: false,
    };
    this.sessions.push(session);
    this.index(session);
    return session;
  }

  /** Single-use rotation: the old access and refresh tokens stop working at once. */
  rotate(session: SessionRec, accessTtlS: number, refreshTtlS: number): SessionRec {
    this.byAccess.delete(session.accessToken);
    this.byRefresh.delete(session.refreshToken);
    const now = this.clock.now();
    session.accessToken = randomToken();
    session.accessExpiresAt = now + accessTtlS * 1000;
    session.refreshToken = randomToken();
    session.refreshExpiresAt = now + refreshTtlS * 1000;
    this.index(session);
    return session;
  }

  checkAccess(token: string): AccessCheck {
    const session = this.byAccess.get(token);
    if (!session || session.revoked) return { ok: false, reason: 'unknown' };
    if (session.accessExpiresAt <= this.clock.now()) return { ok: false, reason: 'expired' };
    return { ok: true, session };
  }

  /** A live session for the refresh token, or undefined when unknown, used, revoked or expired. */
  findByRefresh(token: string): SessionRec | undefined {
    const session = this.byRefresh.get(token);
    if (!session || session.revoked || session.refreshExpiresAt <= this.clock.now()) return undefined;
    return session;
  }

  /** The extension whose session the token (access or refresh) belongs to, if it is a live token. */
  ownerOf(token: string): string | undefined {
    return (this.byAccess.get(token) ?? this.byRefresh.get(token))?.extensionId;
  }

  findSession(id: string): SessionRec | undefined {
    return this.sessions.find((s) => s.id === id);
  }

  /** Revokes the whole session the token (access or refresh) belongs to; unknown tokens are ignored. */
  revokeByToken(token: string): boolean {
    const session = this.byAccess.get(token) ?? this.byRefresh.get(token);
    if (!session) return false;
    this.revoke(session);
    return true;
  }

  revoke(session: SessionRec): void {
    session.revoked = true;
    this.byAccess.delete(session.accessToken);
    this.byRefresh.delete(session.refreshToken);
  }

  mintWsToken(identity: Identity & { sessionId: string }): { token: string; expiresIn: number } {
    const now = this.clock.now();
    for (const [key, entry] of this.wsTokens) if (entry.expiresAt <= now) this.wsTokens.delete(key);
    const token = randomToken();
    this.wsTokens.set(token, {
      accountId: identity.accountId,
      extensionId: identity.extensionId,
      clientId: identity.clientId,
      sessionId: identity.sessionId,
      expiresAt: now + WS_TOKEN_TTL_S * 1000,
    });
    return { token, expiresIn: WS_TOKEN_TTL_S };
  }

  /** Whose token it is; null once it expired or its session was revoked. Reusable until then. */
  checkWsToken(token: string): Identity | null {
    const entry = this.wsTokens.get(token);
    if (
      !entry ||
      entry.expiresAt <= this.clock.now() ||
      this.findSession(entry.sessionId)?.revoked !== false
    ) {
      this.wsTokens.delete(token);
      return null;
    }
    return { accountId: entry.accountId, extensionId: entry.extensionId, clientId: entry.clientId };
  }

  private index(session: SessionRec): void {
    this.byAccess.set(session.accessToken, session);
    this.byRefresh.set(session.refreshToken, session);
  }
}
