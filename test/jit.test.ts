import { parse } from 'graphql';
import { SCENARIOS } from '../bench/scenarios';
import { UserRole } from '../src/common/enums';
import { jitGateway } from '../src/jit';
import { buildHubSchema } from '../src/schema';
import { Factories, factories, signedIn } from './helpers/factories';
import { startHub, TestHub } from './helpers/hub';

/** Runs a document through the gateway's executor as Apollo would (parsed and validated already). */
async function run(gateway: ReturnType<typeof jitGateway>, query: string, variables: Record<string, unknown> = {}, context: object = {}) {
  const { executor } = await gateway.load({ apollo: { graphRef: undefined } as never });
  const document = parse(query);
  return executor!({ document, queryHash: query, context, request: { query, variables }, operation: document.definitions[0] } as never);
}

describe('graphql-jit executor', () => {
  it('compiles every benchmark read, keeps at most its bound of documents, least recently used out first', async () => {
    const gateway = jitGateway(buildHubSchema(), 2);
    for (const s of SCENARIOS) {
      const { executor } = await gateway.load({ apollo: {} as never });
      const document = parse(s.hub.query);
      // No context: resolvers fail, which is not the point; the document must compile.
      await executor!({ document, queryHash: s.name, context: {}, request: { query: s.hub.query, variables: {} } } as never).catch(() => undefined);
    }
    expect(gateway.stats()).toEqual({ cached: 2, fallbacks: 0 });
    expect(SCENARIOS.length).toBeGreaterThan(2);
  });

  it('answers introspection and __typename itself', async () => {
    const gateway = jitGateway(buildHubSchema());
    expect(await run(gateway, `{ __typename }`)).toEqual({ data: { __typename: 'Query' } });
    const res = await run(gateway, `{ __schema { queryType { name } mutationType { name } } }`);
    expect(res).toEqual({ data: { __schema: { queryType: { name: 'Query' }, mutationType: { name: 'Mutation' } } } });
    expect(gateway.stats().fallbacks).toBe(0);
  });

  it('leaves a variable that does not coerce to graphql-js, which words it as the client error it is', async () => {
    const gateway = jitGateway(buildHubSchema());
    const res = await run(gateway, `query($id: ID!) { board(id: $id) { id } }`, { id: { not: 'an id' } });
    expect(res.data).toBeUndefined();
    expect(res.errors?.map((e) => e.message)).toEqual(['Variable "$id" got invalid value { not: "an id" }; ID cannot represent value: { not: "an id" }']);
  });
});

/** Stack traces (shown outside production) name the executor's own frames. */
function withoutStacks<T extends { errors?: { extensions?: Record<string, unknown> }[] }>(r: T): T {
  return { ...r, errors: r.errors?.map((e) => ({ ...e, extensions: e.extensions && { ...e.extensions, stacktrace: undefined } })) };
}

/** The same requests through graphql-jit and graphql-js give the same status and the same body. */
describe('graphql-jit against graphql-js over HTTP', () => {
  let jit: TestHub;
  let js: TestHub;
  let f: Factories;

  beforeAll(async () => {
    jit = await startHub({ config: { graphqlJit: true } });
    js = await startHub({ config: { graphqlJit: false } });
    f = factories(jit.ds);
  });
  afterAll(async () => {
    await jit.close();
    await js.close();
  });

  it('answers, refuses and fails identically', async () => {
    const board = await f.board();
    const other = await f.board();
    const agency = await f.agency();
    await f.membership(agency.id, { boardId: board.id }, { representative: 'Lead' });
    const meeting = await f.meeting({ boardId: board.id }, '2024-03-14');
    const coordinator = await signedIn(jit, f, UserRole.COORDINATOR, { boardIds: [board.id] });
    const status = SCENARIOS.find((s) => s.name === 'partnershipStatus')!.hub.query;
    const meetings = SCENARIOS.find((s) => s.name === 'boardMeetings')!.hub.query;
    const cases: [string, Record<string, unknown>, string | undefined][] = [
      [status, { id: board.id, from: '2024-01-01', to: '2024-12-31' }, coordinator.token],
      [meetings, { id: board.id }, coordinator.token],
      // Another board: FORBIDDEN (non-null root lookup refused by the guard).
      [meetings, { id: other.id }, coordinator.token],
      // Anonymous: UNAUTHENTICATED.
      [`{ boards { id } }`, {}, undefined],
      // A list the guard filters, a nullable edge and a meeting's register.
      [`{ boards { id name members { agency { name } } } }`, {}, coordinator.token],
      [`query($id: ID!) { meeting(id: $id) { id date board { id } attendance { status } } }`, { id: meeting.id }, coordinator.token],
      // Not found, malformed id, bad variable, bad argument and a mutation refused on input.
      [`query($id: ID!) { meeting(id: $id) { id } }`, { id: '00000000-0000-4000-8000-000000000000' }, coordinator.token],
      [`query($id: ID!) { meeting(id: $id) { id } }`, { id: 'not-a-uuid' }, coordinator.token],
      [`query($id: ID!) { board(id: $id) { id } }`, { id: 7.5 }, coordinator.token],
      [`query($id: ID!, $from: LocalDate!) { board(id: $id) { attendance(from: $from, to: "2024-01-01") { meetingsHeld } } }`, { id: board.id, from: '2024-02-30' }, coordinator.token],
      [`mutation($i: ScheduleMeetingInput!) { scheduleMeeting(input: $i) { id } }`, { i: { boardId: board.id, title: '', date: '2030-01-01' } }, coordinator.token],
    ];
    const outcomes: string[] = [];
    for (const [query, variables, token] of cases) {
      const [a, b] = [await jit.gql(query, variables, token), await js.gql(query, variables, token)];
      expect({ query, ...withoutStacks(a) }).toEqual({ query, ...withoutStacks(b) });
      outcomes.push(`${a.status} ${a.errors?.map((e) => e.extensions?.code).join(",") ?? (a.data ? "data" : "none")}`);
    }
    // What each case exercised (the same both ways).
    expect(outcomes).toEqual(['200 data', '200 data', '200 FORBIDDEN', '200 UNAUTHENTICATED', '200 data', '200 data', '200 NOT_FOUND', '200 NOT_FOUND', '400 BAD_USER_INPUT', '400 BAD_USER_INPUT', '200 BAD_USER_INPUT']);
  });
});
