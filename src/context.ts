import { DataSource } from 'typeorm';
import { Access, AuthUser } from './common/access';
import { createLoaders, Loaders } from './loaders';
import { Services } from './services';

export interface Context {
  user: AuthUser | null;
  access: Access;
  loaders: Loaders;
  services: Services;
  requestId: string;
}

export function createContext(ds: DataSource, services: Services, user: AuthUser | null, requestId: string): Context {
  const access = new Access(user, ds);
  return { user, access, loaders: createLoaders(ds, services, access), services, requestId };
}
