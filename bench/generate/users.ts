import bcrypt from 'bcryptjs';
import { bulkInsert } from '../bulk-insert';
import { GenContext, personName } from './context';

/** Every generated user signs in with this password. */
export const BENCH_USER_PASSWORD = 'bench-password';
// A fixed salt and 4 rounds: the same hash every run, and cheap to verify.
const HASH = bcrypt.hashSync(BENCH_USER_PASSWORD, '$2b$04$benchbenchbenchbenchbe');

/** One coordinator per board (coordinator.N@bench.hub) and agency users (agency.N@bench.hub). */
export async function generateUsers(ctx: GenContext): Promise<void> {
  const users: unknown[][] = [];
  const links: unknown[][] = [];
  ctx.world.boards.forEach((b, i) => {
    const id = ctx.uuid();
    users.push([id, `coordinator.${i + 1}@bench.hub`, personName(ctx.rand), HASH, 'COORDINATOR', null]);
    links.push([id, b.id]);
  });
  ctx.world.agencies.slice(0, ctx.scale.agencyUsers).forEach((a, i) => {
    users.push([ctx.uuid(), `agency.${i + 1}@bench.hub`, personName(ctx.rand), HASH, 'AGENCY_USER', a.id]);
  });
  ctx.counts.app_user = await bulkInsert(
    ctx.client,
    'app_user',
    [
      { name: 'id', type: 'uuid' },
      { name: 'email', type: 'text' },
      { name: 'name', type: 'text' },
      { name: 'password_hash', type: 'text' },
      { name: 'role', type: 'text', cast: 'user_role' },
      { name: 'agency_id', type: 'uuid' },
    ],
    users,
  );
  ctx.counts.user_board = await bulkInsert(ctx.client, 'user_board', [{ name: 'user_id', type: 'uuid' }, { name: 'board_id', type: 'uuid' }], links);
}
