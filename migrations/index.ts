import { Foundation1763880000000 } from './1763880000000-foundation';

/** Migrations in order. Listed explicitly so ts-jest, ts-node and the compiled build load the same set. */
export const migrations = [Foundation1763880000000];
