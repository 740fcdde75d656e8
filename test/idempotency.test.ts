import { UserRole } from '../src/common/enums';
import { countRows, Factories, factories, signedIn, unique } from './helpers/factories';
import { startHub, TestHub } from './helpers/hub';

const SCHEDULE = `mutation($input: ScheduleMeetingInput!) { scheduleMeeting(input: $input) { id title status } }`;
const CREATE_AGENCY = `mutation($input: CreateAgencyInput!) { createAgency(input: $input) { id name } }`;

/** Idempotent retries over HTTP: the Idempotency-Key header on mutations (src/common/idempotency.ts). */
describe('Idempotency-Key', () => {
  let hub: TestHub;
  let f: Factories;
  let boardId: string;
  let token: string;

  beforeAll(async () => {
    hub = await startHub();
    f = factories(hub.ds);
    boardId = (await f.board()).id;
    token = (await signedIn(hub, f, UserRole.COORDINATOR, { boardIds: [boardId] })).token;
  });
  afterAll(() => hub.close());

  const send = (body: object, key: string | undefined, as = token) => {
    const req = hub.http().post('/graphql').set('content-type', 'application/json').set('authorization', `Bearer ${as}`);
    if (key !== undefined) req.set('idempotency-key', key);
    return req.send(body);
  };
  const schedule = (title: string) => ({ query: SCHEDULE, variables: { input: { boardId, date: '2031-03-01', title } } });
  const meetings = (title: string) => countRows(hub.ds, 'meeting', 'board_id = $1 AND title = $2', [boardId, title]);
  const audited = (title: string) => countRows(hub.ds, 'audit_log_entry', `operation = 'scheduleMeeting' AND strpos(input::text, $1) > 0`, [title]);

  it('the same key and request twice: one write, the first answer again (marked replayed)', async () => {
    const key = unique('key').replace(/\s/g, '-');
    const title = unique('Idempotent meeting');
    const first = await send(schedule(title), key);
    expect(first.status).toBe(200);
    expect(first.body.data.scheduleMeeting).toMatchObject({ title, status: 'SCHEDULED' });
    expect(first.headers['idempotency-replayed']).toBeUndefined();

    // Variables in another key order are the same request.
    const again = await send({ variables: { input: { title, date: '2031-03-01', boardId } }, query: SCHEDULE }, key);
    expect(again.status).toBe(200);
    expect(again.headers['idempotency-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    // 1 meeting, 1 audit entry: the second call wrote nothing.
    expect(await meetings(title)).toBe(1);
    expect(await audited(title)).toBe(1);
  });

  it('the same key with another request: 422 CONFLICT with a clear message, nothing written', async () => {
    const key = unique('key').replace(/\s/g, '-');
    const title = unique('First use');
    await send(schedule(title), key);
    const other = unique('Second use');
    const res = await send(schedule(other), key);
    expect(res.status).toBe(422);
    expect(res.body.errors[0].extensions.code).toBe('CONFLICT');
    expect(res.body.errors[0].message).toMatch(/already used with a different request/);
    expect(await meetings(other)).toBe(0);
    expect(await meetings(title)).toBe(1);
  });

  it('10 concurrent first uses of one key: exactly one executes, all 10 get its answer', async () => {
    const key = unique('key').replace(/\s/g, '-');
    const title = unique('Concurrent meeting');
    const answers = await Promise.all(Array.from({ length: 10 }, () => send(schedule(title), key)));
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200));
    const ids = new Set(answers.map((a) => a.body.data?.scheduleMeeting?.id));
    expect(ids.size).toBe(1);
    // One ran; nine were replayed.
    expect(answers.filter((a) => a.headers['idempotency-replayed'] === 'true')).toHaveLength(9);
    expect(await meetings(title)).toBe(1);
    expect(await audited(title)).toBe(1);
  });

  it('keys are per user: another user with the same key runs their own request', async () => {
    const key = unique('key').replace(/\s/g, '-');
    const title = unique('Per user');
    const other = (await signedIn(hub, f, UserRole.COORDINATOR, { boardIds: [boardId] })).token;
    const a = await send(schedule(title), key);
    const b = await send(schedule(title), key, other);
    expect(b.headers['idempotency-replayed']).toBeUndefined();
    expect(b.body.data.scheduleMeeting.id).not.toBe(a.body.data.scheduleMeeting.id);
    expect(await meetings(title)).toBe(2);
  });

  it('a failure worth retrying (CONFLICT) is not kept: the retry with the same key runs again', async () => {
    const name = unique('Taken agency');
    const taken = await f.agency({ name });
    const key = unique('key').replace(/\s/g, '-');
    const body = { query: CREATE_AGENCY, variables: { input: { name, sector: 'POLICE' } } };
    const refused = await send(body, key);
    expect(refused.body.errors[0].extensions.code).toBe('CONFLICT');
    expect(await countRows(hub.ds, 'idempotency_key', 'key = $1', [key])).toBe(0);
    await hub.ds.query('DELETE FROM agency WHERE id = $1', [taken.id]);
    const retried = await send(body, key);
    expect(retried.headers['idempotency-replayed']).toBeUndefined();
    expect(retried.body.data.createAgency.name).toBe(name);
    expect(await countRows(hub.ds, 'agency', 'name = $1', [name])).toBe(1);
  });

  it('a key older than 24 h may be used again for a new request', async () => {
    const key = unique('key').replace(/\s/g, '-');
    const first = unique('Yesterday');
    await send(schedule(first), key);
    await hub.ds.query(`UPDATE idempotency_key SET created_at = now() - interval '24 hours 1 minute' WHERE key = $1`, [key]);
    const next = unique('Today');
    const res = await send(schedule(next), key);
    expect(res.status).toBe(200);
    expect(res.body.data.scheduleMeeting.title).toBe(next);
    expect(await meetings(next)).toBe(1);
  });

  it('without the header every call writes; queries and bad keys', async () => {
    const title = unique('No key');
    await send(schedule(title), undefined);
    await send(schedule(title), undefined);
    expect(await meetings(title)).toBe(2);

    // A query with a key is answered as usual and keeps nothing.
    const key = unique('query-key').replace(/\s/g, '-');
    const read = await send({ query: '{ me { id } }' }, key);
    expect(read.status).toBe(200);
    expect(await countRows(hub.ds, 'idempotency_key', 'key = $1', [key])).toBe(0);

    const bad = await send(schedule(unique('Bad key')), 'x'.repeat(201));
    expect([bad.status, bad.body.errors[0].extensions.code]).toEqual([400, 'BAD_USER_INPUT']);
  });
});
