import bcrypt from 'bcryptjs';
import jwt from 'jsonwebtoken';
import { createSecretKey, KeyObject } from 'node:crypto';
import { AuthUser } from '../../access/access';
import { UnauthenticatedError } from '../../common/errors';
import { MutationRunner } from '../../common/mutation';
import { UserService } from '../user/user.service';

// Compared against when the email is unknown, so a wrong email costs as long as a wrong password.
const DUMMY_HASH = '$2b$10$JV6xavBuxAHGzsYDn7ufvODYUHUMxlv6Fp0ltmi1JPYUpB3HuAZHe';

export interface SignedIn {
  token: string;
  expiresAt: Date;
  userId: string;
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
  ) {
    this.key = createSecretKey(Buffer.from(secret));
  }

  async signIn(email: string, password: string): Promise<SignedIn> {
    const user = await this.users.findByEmail(email);
    const ok = await bcrypt.compare(password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !ok) throw new UnauthenticatedError('Email or password is wrong');
    const token = jwt.sign({ role: user.role }, this.key, {
      subject: user.id,
      expiresIn: this.expiresIn as jwt.SignOptions['expiresIn'],
      algorithm: 'HS256',
    });
    const { exp } = jwt.decode(token) as { exp: number };
    const actor: AuthUser = { id: user.id, email: user.email, name: user.name, role: user.role, agencyId: user.agencyId, boardIds: [] };
    return this.mutations.run(actor, 'signIn', { email }, async () => ({
      result: { token, expiresAt: new Date(exp * 1000), userId: user.id },
      entityType: 'User',
      entityId: user.id,
      boardIds: [],
    }));
  }

  /** Verifies a bearer token and loads the user fresh, so role and board changes apply at once. */
  async authenticate(header: string | undefined): Promise<AuthUser | null> {
    if (!header) return null;
    const match = /^Bearer\s+(.+)$/i.exec(header.trim());
    if (!match) throw new UnauthenticatedError('Authorization header must be "Bearer <token>"');
    let subject: string;
    try {
      const payload = jwt.verify(match[1], this.key, { algorithms: ['HS256'] }) as jwt.JwtPayload;
      subject = String(payload.sub);
    } catch (e) {
      throw new UnauthenticatedError(e instanceof jwt.TokenExpiredError ? 'Token expired: sign in again' : 'Invalid token');
    }
    const user = await this.users.loadAuthUser(subject);
    if (!user) throw new UnauthenticatedError('This account no longer exists');
    return user;
  }
}
