import { UserRole } from '../src/common/enums';
import { MAX_PAGE_SIZE } from '../src/common/pagination';
import { factories, signedIn } from './helpers/factories';
import { codeOf, startHub, TestHub } from './helpers/hub';

/** A malformed cursor is the client's mistake on every connection, whichever statement reads it. */
describe('cursors', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startHub();
  });
  afterAll(() => hub.close());

  it.each([
    ['not base64 at all', 'garbage!!'],
    ['a date and id that are neither', Buffer.from('not-a-date|not-a-uuid').toString('base64')],
    ['a date with a broken id', Buffer.from('2024-01-01|nope').toString('base64')],
  ])('answers BAD_USER_INPUT on after for %s, on meetings as on agencies', async (_label, after) => {
    const f = factories(hub.ds);
    const board = await f.board();
    const { token } = await signedIn(hub, f, UserRole.COORDINATOR, { boardIds: [board.id] });
    const meetings = await hub.gql(`query($id: ID!, $a: String) { board(id: $id) { meetings(after: $a) { nodes { id } } } }`, { id: board.id, a: after }, token);
    const agencies = await hub.gql(`query($a: String) { agencies(after: $a) { nodes { id } } }`, { a: after }, token);
    for (const res of [meetings, agencies]) {
      expect(codeOf(res)).toBe('BAD_USER_INPUT');
      expect(res.errors![0].extensions!.field).toBe('after');
      expect(res.status).toBe(200);
    }
  });

  // The arguments' class-validator rules still run (an argument class without rules skips validation: src/schema.ts).
  it.each([0, MAX_PAGE_SIZE + 1])('answers BAD_USER_INPUT on first: %s, a page size outside 1 to the maximum', async (first) => {
    const f = factories(hub.ds);
    const { token } = await signedIn(hub, f, UserRole.ADMIN);
    const res = await hub.gql(`query($n: Int!) { agencies(first: $n) { nodes { id } } }`, { n: first }, token);
    expect(codeOf(res)).toBe('BAD_USER_INPUT');
    const fine = await hub.gql(`query($n: Int!) { agencies(first: $n) { nodes { id } } }`, { n: MAX_PAGE_SIZE }, token);
    expect(fine.errors).toBeUndefined();
  });
});
