import { DataSource } from 'typeorm';
import { ReadScope } from './access/read-scope';
import { Access, AuthUser } from './access/access';
import { Clock } from './common/clock';
import { DomainError } from './common/errors';
import { createLoaders, Loaders } from './loaders';
import { createLookahead, Lookahead } from './lookahead';
import { Services } from './services';

export interface Context {
  user: AuthUser | null;
  access: Access;
  /** The read policy's facts for this request; the schema guard (src/access/guard.ts) uses it on every object. */
  read: ReadScope;
  loaders: Loaders;
  /** Fetches the known nested subtrees of a hot read in one statement, into the loaders (src/lookahead.ts). */
  lookahead: Lookahead;
  services: Services;
  /** The one clock (src/common/clock.ts): resolvers default asOf to its today. */
  clock: Clock;
  requestId: string;
  /** The client's address as express sees it (req.ip), for sign-in throttling. */
  clientAddress: string | null;
}

export function createContext(
  ds: DataSource,
  services: Services,
  user: AuthUser | null,
  requestId: string,
  request: { clientAddress?: string | null; authError?: DomainError } = {},
): Context {
  const access = new Access(user, ds, services.clock, request.authError);
  const loaders = createLoaders(ds, services, access);
  const read = new ReadScope(access, ds, loaders);
  access.attach(read);
  const lookahead = createLookahead(ds, services, loaders, user);
  return { user, access, read, loaders, lookahead, services, clock: services.clock, requestId, clientAddress: request.clientAddress ?? null };
}
