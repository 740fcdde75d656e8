import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The web app's templates and operation documents. tsc copies no .njk or .graphql files, so the
 * build (scripts/build-if-stale.js) copies them beside the compiled code; ts-node and jest read them
 * from src/web itself.
 */
export function webFile(...parts: string[]): string {
  const here = path.join(__dirname, ...parts);
  if (existsSync(here)) return here;
  return path.resolve(__dirname, '../../../src/web', ...parts);
}
