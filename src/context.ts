import { DataSource } from 'typeorm';
import { ReadScope } from './access/read-scope';
import { Access, AuthUser } from './access/access';
import { createLoaders, Loaders } from './loaders';
import { Services } from './services';

export interface Context {
  user: AuthUser | null;
  access: Access;
  /** The read policy's facts for this request; the schema guard (src/access/guard.ts) uses it on every object. */
  read: ReadScope;
  loaders: Loaders;
  services: Services;
  requestId: string;
}

export function createContext(ds: DataSource, services: Services, user: AuthUser | null, requestId: string): Context {
  const access = new Access(user, ds);
  const loaders = createLoaders(ds, services, access);
  const read = new ReadScope(access, ds, loaders);
  access.attach(read);
  return { user, access, read, loaders, services, requestId };
}
