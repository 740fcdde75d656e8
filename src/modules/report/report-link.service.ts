import { createHmac, timingSafeEqual } from 'node:crypto';
import { Access, AuthUser } from '../../access/access';
import { Clock } from '../../common/clock';
import { BadInputError, ForbiddenError, UnauthenticatedError } from '../../common/errors';
import { assertPeriod } from '../../common/validation';
import { ExecutiveSummaryService } from './executive-summary.service';

/** The user a link was issued to, as the user module loads it for a bearer token. */
export interface LinkUser extends AuthUser {
  active: boolean;
  tokenVersion: number;
}

/** What a report link is signed for: one reader, one board, one period, until a time. */
interface LinkClaims {
  /** issuing user */
  u: string;
  /** the user's token version when issued: signing out everywhere ends the link too */
  v: number;
  b: string;
  f: string;
  t: string;
  /** expiry, seconds since the epoch */
  e: number;
}

export const REPORT_LINK_FORMATS = ['html', 'md', 'csv', 'xlsx'] as const;
export type ReportLinkFormat = (typeof REPORT_LINK_FORMATS)[number];
export const LINK_MINUTES_DEFAULT = 60;
export const LINK_MINUTES_MAX = 7 * 24 * 60;

const b64 = (s: Buffer | string) => Buffer.from(s).toString('base64url');

/**
 * Signed, expiring links to a yearly report, so it opens from a browser or an email without a
 * bearer header. A link is an HMAC-SHA256 (key derived from the JWT secret, kept apart from tokens
 * by its own label) over the issuing user, the board, the period and the expiry. Opening it reads
 * the report as that user, so everything a bearer token checks is checked again: the account is
 * active, has not signed out everywhere since, and still works for the board.
 */
export class ReportLinkService {
  private readonly key: Buffer;

  constructor(
    secret: string,
    private readonly clock: Clock,
    private readonly summaries: ExecutiveSummaryService,
    private readonly loadUser: (id: string) => Promise<LinkUser | null>,
    /** PUBLIC_URL without a trailing slash: links are absolute so they open from an email. */
    private readonly publicUrl: string,
  ) {
    this.key = createHmac('sha256', secret).update('partnership-hub report link v1').digest();
  }

  /** A signed absolute URL (PUBLIC_URL + path) to the report for those who may read it; `expiresInMinutes` from 1 to 7 days' worth. */
  async issue(access: Access, boardId: string, from: string, to: string, format: ReportLinkFormat, expiresInMinutes = LINK_MINUTES_DEFAULT): Promise<{ url: string; expiresAt: Date }> {
    assertPeriod(from, to);
    if (!Number.isInteger(expiresInMinutes) || expiresInMinutes < 1 || expiresInMinutes > LINK_MINUTES_MAX) {
      throw new BadInputError('expiresInMinutes', `A link lasts from 1 to ${LINK_MINUTES_MAX} minutes`);
    }
    await this.summaries.assertCanRead(access, boardId);
    const user = await this.loadUser(access.me.id);
    if (!user) throw new UnauthenticatedError('This account no longer exists', 401);
    const e = Math.floor(this.clock.now().getTime() / 1000) + expiresInMinutes * 60;
    const token = this.sign({ u: user.id, v: user.tokenVersion, b: boardId, f: from, t: to, e });
    const q = new URLSearchParams({ from, to, format, link: token });
    return { url: `${this.publicUrl.replace(/\/+$/, '')}/boards/${boardId}/annual-report?${q.toString()}`, expiresAt: new Date(e * 1000) };
  }

  /** The reader a link stands for, when it is genuine, unexpired and for exactly this board and period. */
  async readerOf(token: string, boardId: string, from: string, to: string): Promise<AuthUser> {
    const claims = this.verify(token);
    if (claims.e * 1000 <= this.clock.now().getTime()) throw new UnauthenticatedError('This report link has expired: ask for a new one', 401);
    if (claims.b !== boardId || claims.f !== from || claims.t !== to) throw new ForbiddenError('This link was signed for another report');
    const row = await this.loadUser(claims.u);
    if (!row || !row.active || row.tokenVersion !== claims.v) throw new UnauthenticatedError('This report link is no longer valid: ask for a new one', 401);
    const { active: _active, tokenVersion: _version, ...user } = row;
    return user;
  }

  private sign(c: LinkClaims): string {
    const body = b64(JSON.stringify(c));
    return `${body}.${b64(createHmac('sha256', this.key).update(body).digest())}`;
  }

  private verify(token: string): LinkClaims {
    const [body, mac, extra] = token.split('.');
    const bad = () => new UnauthenticatedError('This report link is not valid', 401);
    if (!body || !mac || extra !== undefined) throw bad();
    const want = createHmac('sha256', this.key).update(body).digest();
    const got = Buffer.from(mac, 'base64url');
    if (got.length !== want.length || !timingSafeEqual(got, want)) throw bad();
    try {
      const c = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as LinkClaims;
      if (typeof c.u !== 'string' || typeof c.b !== 'string' || typeof c.e !== 'number' || typeof c.v !== 'number') throw bad();
      return c;
    } catch {
      throw bad();
    }
  }
}
