import bcrypt from 'bcryptjs';
import jwt from 'jsonwebtoken';
import { createSecretKey, KeyObject } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { Access, AuthUser } from '../../access/access';
import { Clock } from '../../common/clock';
import { UserRole } from '../../common/enums';
import { BadInputError, UnauthenticatedError } from '../../common/errors';
import { MutationRunner } from '../../common/mutation';
import { assertUuidOrNotFound } from '../../common/validation';
import { User } from '../user/user.entity';
import { assertStrongPassword, UserService } from '../user/user.service';
import { SignedInCache } from './signed-in-cache';
import { SignInThrottle } from './sign-in-throttle';

// Compared against when the email is unknown, so a wrong email costs as long as a wrong password.
const DUMMY_HASH = '$2b$10$JV6xavBuxAHGzsYDn7ufvODYUHUMxlv6Fp0ltmi1JPYUpB3HuAZHe';

export interface SignedIn {
  token: string;
  expiresAt: Date;
  userId: string;
}

/** The JWT claims the hub reads: `sub` (user id) and `ver` (the user's token version when issued). */
interface HubClaims extends jwt.JwtPayload {
  ver?: number;
}

export class AuthService {
  /**
   * The HMAC key as a KeyObject, built once: given a string, jsonwebtoken first tries (and fails)
   * createPublicKey on every verify, which was 8% of the hub's CPU under load (see BENCHMARKS.md).
   */
  private readonly key: KeyObject;

  constructor(
    private readonly users: UserService,
    private readonly mutations: MutationRunner,
    private readonly secret: string,
    private readonly expiresIn: string,
    private readonly throttle: SignInThrottle,
    private readonly clock: Clock,
    /** How long a signed-in user read for a query answers for its token (ms; 0: read every request). */
    signedInCacheMs = 0,
  ) {
    this.key = createSecretKey(Buffer.from(secret));
    this.signedIn = new SignedInCache(signedInCacheMs);
    // Any committed change in this process may concern a signed-in user (deactivation, password,
    // sessions, role, boards): the next request reads them afresh.
    mutations.afterCommit(() => this.signedIn.clear());
  }

  private readonly signedIn: SignedInCache;

  /**
   * Tokens whose signature this process has checked, with what they say. A token's signature and
   * claims never change, so checking it again on every request (jsonwebtoken decodes, parses and
   * signs again: about 65 µs) buys nothing; its expiry is still compared on every request, as
   * jsonwebtoken compares it. Keyed by the whole token, so a different token is checked afresh.
   */
  private readonly verified = new LRUCache<string, { subject: string; version: number; expiresAtSeconds: number }>({ max: 10_000 });

  /** The token's subject and version, or UnauthenticatedError (bad signature, malformed, expired). */
  private claimsOf(token: string): { subject: string; version: number } {
    const known = this.verified.get(token);
    if (known) {
      if (Math.floor(Date.now() / 1000) >= known.expiresAtSeconds) throw new UnauthenticatedError('Token expired: sign in again', 401);
      return known;
    }
    try {
      const payload = jwt.verify(token, this.key, { algorithms: ['HS256'] }) as HubClaims;
      // Tokens issued before token versions existed carry none: they are version 0.
      const claims = { subject: String(payload.sub), version: typeof payload.ver === 'number' ? payload.ver : 0, expiresAtSeconds: typeof payload.exp === 'number' ? payload.exp : Infinity };
      this.verified.set(token, claims);
      return claims;
    } catch (e) {
      throw new UnauthenticatedError(e instanceof jwt.TokenExpiredError ? 'Token expired: sign in again' : 'Invalid token', 401);
    }
  }

  private issue(user: { id: string; role: UserRole }, tokenVersion: number): SignedIn {
    const token = jwt.sign({ role: user.role, ver: tokenVersion }, this.key, {
      subject: user.id,
      expiresIn: this.expiresIn as jwt.SignOptions['expiresIn'],
      algorithm: 'HS256',
    });
    const { exp } = jwt.decode(token) as { exp: number };
    return { token, expiresAt: new Date(exp * 1000), userId: user.id };
  }

  private actor(user: User): AuthUser {
    return { id: user.id, email: user.email, name: user.name, role: user.role, agencyId: user.agencyId, boardIds: [] };
  }

  /**
   * Throttled per email and per client address (SignInThrottle); every attempt is recorded with
   * its outcome, never the password. A deactivated account cannot sign in.
   */
  async signIn(email: string, password: string, clientAddress: string | null = null): Promise<SignedIn> {
    const normalised = email.trim().toLowerCase();
    const ticket = await this.throttle.begin(normalised, clientAddress);
    const user = await this.users.findByEmail(normalised);
    const ok = await bcrypt.compare(password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !ok) {
      await this.throttle.finish(ticket, user ? 'WRONG_PASSWORD' : 'UNKNOWN_EMAIL', user?.id ?? null);
      throw new UnauthenticatedError('Email or password is wrong');
    }
    if (!user.active) {
      await this.throttle.finish(ticket, 'ACCOUNT_INACTIVE', user.id);
      throw new UnauthenticatedError('This account has been deactivated');
    }
    const signedIn = await this.mutations.run(this.actor(user), 'signIn', { email: normalised, clientAddress }, async (em) => {
      await em.update(User, { id: user.id }, { lastSignInAt: this.clock.now() });
      return { result: this.issue(user, user.tokenVersion), entityType: 'User', entityId: user.id, boardIds: [] };
    });
    await this.throttle.finish(ticket, 'SUCCEEDED', user.id);
    return signedIn;
  }

  /**
   * Verifies a bearer token and loads the user (one query), so role and board changes, deactivation
   * and revocation (a token version that moved on) apply at once. `readOnly`: the request is a
   * query, which may take the user from the short-lived cache (signed-in-cache.ts) instead; a
   * mutation always reads the user.
   */
  async authenticate(header: string | undefined, o: { readOnly?: boolean } = {}): Promise<AuthUser | null> {
    if (!header) return null;
    const match = /^Bearer\s+(.+)$/i.exec(header.trim());
    if (!match) throw new UnauthenticatedError('Authorization header must be "Bearer <token>"', 401);
    const { subject, version } = this.claimsOf(match[1]);
    if (o.readOnly) {
      const cached = this.signedIn.get(subject, version);
      // A copy: a request's user is its own (createBoard adds the new board to it).
      if (cached) return { ...cached, boardIds: [...cached.boardIds] };
    }
    const generation = this.signedIn.begin();
    const row = await this.users.loadAuthUser(subject);
    if (!row) throw new UnauthenticatedError('This account no longer exists', 401);
    if (!row.active) throw new UnauthenticatedError('This account has been deactivated', 401);
    if (row.tokenVersion !== version) throw new UnauthenticatedError('This session has ended: sign in again', 401);
    const { active: _active, tokenVersion: _version, ...user } = row;
    if (o.readOnly) this.signedIn.set(subject, version, { ...user, boardIds: [...user.boardIds] }, generation);
    return user;
  }

  /**
   * The signed-in user's new password, given the current one (throttled like a sign-in). Every other
   * session ends; the answer carries a fresh token for this one.
   */
  async changePassword(access: Access, currentPassword: string, newPassword: string, clientAddress: string | null): Promise<SignedIn> {
    const me = access.me;
    assertStrongPassword('newPassword', newPassword);
    if (newPassword === currentPassword) throw new BadInputError('newPassword', 'The new password must differ from the current one');
    const user = await this.users.findById(me.id);
    const ticket = await this.throttle.begin(user.email, clientAddress);
    if (!(await bcrypt.compare(currentPassword, user.passwordHash))) {
      await this.throttle.finish(ticket, 'WRONG_PASSWORD', user.id);
      throw new BadInputError('currentPassword', 'The current password is wrong');
    }
    await this.throttle.finish(ticket, 'SUCCEEDED', user.id);
    const passwordHash = await this.users.hash(newPassword);
    return this.mutations.run(me, 'changePassword', {}, async (em) => {
      const version = await this.users.bumpTokenVersion(em, user.id, passwordHash);
      return { result: this.issue(user, version), entityType: 'User', entityId: user.id, boardIds: [] };
    });
  }

  /** An admin sets a user's password; every session of that user ends. */
  async resetPassword(access: Access, userId: string, newPassword: string): Promise<User> {
    access.assertRole(UserRole.ADMIN);
    assertUuidOrNotFound(userId, 'User');
    assertStrongPassword('newPassword', newPassword);
    const user = await this.users.findById(userId);
    const passwordHash = await this.users.hash(newPassword);
    return this.mutations.run(access.me, 'resetPassword', { userId }, async (em) => {
      await this.users.bumpTokenVersion(em, user.id, passwordHash);
      return { result: await em.getRepository(User).findOneByOrFail({ id: user.id }), entityType: 'User', entityId: user.id, boardIds: [] };
    });
  }

  /** Ends every session of the signed-in user, this one included. */
  async signOutEverywhere(access: Access): Promise<boolean> {
    const me = access.me;
    return this.mutations.run(me, 'signOutEverywhere', {}, async (em) => {
      await this.users.bumpTokenVersion(em, me.id);
      return { result: true, entityType: 'User', entityId: me.id, boardIds: [] };
    });
  }
}

