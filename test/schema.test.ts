import { readFileSync } from 'node:fs';
import path from 'node:path';
import { printHubSchema } from '../src/schema';

describe('committed schema', () => {
  it('matches the schema the code emits (run `npm run schema:emit` after changing types)', () => {
    const committed = readFileSync(path.resolve(__dirname, '../schema/schema.graphql'), 'utf8');
    expect(committed).toBe(printHubSchema());
  });
});
