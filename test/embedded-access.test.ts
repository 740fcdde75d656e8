import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres } from '../src/database/embedded';

/** `npm start` as root in a private checkout (mode 700, as `mktemp -d` makes): a message that says what to do, not initdb's EACCES. */
describe('embedded PostgreSQL in a private directory', () => {
  const asRoot = process.getuid?.() === 0;
  (asRoot ? it : it.skip)('names the directory the postgres user cannot enter and the chmod that opens it', async () => {
    const checkout = mkdtempSync(path.join(tmpdir(), 'hub-private-'));
    try {
      chmodSync(checkout, 0o700);
      await expect(startEmbeddedPostgres(path.join(checkout, '.data', 'pg'))).rejects.toThrow(`Run \`chmod o+x ${checkout}\``);
    } finally {
      rmSync(checkout, { recursive: true, force: true });
    }
  });
});
