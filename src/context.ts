import { DataSource } from 'typeorm';
import { Access, AuthUser } from './common/access';
import { DomainError } from './common/errors';
import { createLoaders, Loaders } from './loaders';
import { Services } from './services';

export interface Context {
  user: AuthUser | null;
  access: Access;
  loaders: Loaders;
  services: Services;
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
  const access = new Access(user, ds, request.authError);
  return { user, access, loaders: createLoaders(ds, services, access), services, requestId, clientAddress: request.clientAddress ?? null };
}
