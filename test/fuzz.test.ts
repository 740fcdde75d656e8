import { parse } from 'graphql';
import { MAX_TOKENS } from '../src/app';
import { UserRole } from '../src/common/enums';
import { countRows, Factories, factories, signedIn } from './helpers/factories';
import { startHub, TestHub } from './helpers/hub';

/** A small deterministic generator: the same 1,000 requests on every run. */
function seeded(seed: number) {
  let s = seed >>> 0;
  const next = () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  const int = (n: number) => Math.floor(next() * n);
  return { next, int, pick: <T>(xs: readonly T[]) => xs[int(xs.length)] };
}
type Rand = ReturnType<typeof seeded>;

interface Probe {
  kind: string;
  send: (hub: TestHub) => Promise<{ status: number; body: any; text: string }>;
  /** What the answer must be, beyond "not a 5xx". */
  expect?: { status?: number; code?: string; field?: string };
}

const VALID_DOCS = [
  `{ boards { id name members { role agency { name sector } } } }`,
  `query Board($id: ID!) { board(id: $id) { id name attendance(from: "2024-01-01", to: "2024-12-31") { overallRate byAgency { rate } } } }`,
  `mutation($i: CreateAgencyInput!) { createAgency(input: $i) { id name } }`,
  `mutation { signIn(email: "a@b.org", password: "x") { token } }`,
  `query { me { id email role } agencies { id name memberships { startsOn } } }`,
];

/** Mutations with a text field, where a bad character must come back as BAD_USER_INPUT on that field. */
function textTargets(ids: { board: string; meeting: string; agency: string }) {
  return [
    { doc: `mutation($i: CreateAgencyInput!) { createAgency(input: $i) { id } }`, vars: (t: string) => ({ i: { name: t, sector: 'OTHER' } }), field: 'name' },
    { doc: `mutation($i: CreateBoardInput!) { createBoard(input: $i) { id } }`, vars: (t: string) => ({ i: { name: 'Fuzz board', kind: 'CHILDREN', area: t } }), field: 'area' },
    { doc: `mutation($i: ScheduleMeetingInput!) { scheduleMeeting(input: $i) { id } }`, vars: (t: string) => ({ i: { boardId: ids.board, title: t, date: '2024-05-01' } }), field: 'title' },
    {
      doc: `mutation($i: RecordAttendanceInput!) { recordAttendance(input: $i) { id } }`,
      vars: (t: string) => ({ i: { meetingId: ids.meeting, records: [{ agencyId: ids.agency, status: 'PRESENT', attendeeName: 'Jo' }, { agencyId: ids.agency, status: 'DEPUTY', attendeeName: t }] } }),
      field: 'records.1.attendeeName',
    },
    { doc: `mutation($i: AddMembershipInput!) { addMembership(input: $i) { id } }`, vars: (t: string) => ({ i: { agencyId: ids.agency, boardId: ids.board, role: 'PARTNER', startsOn: '2030-01-01', deputy: t } }), field: 'deputy' },
    { doc: `mutation($i: CancelMeetingInput!) { cancelMeeting(input: $i) { id } }`, vars: (t: string) => ({ i: { meetingId: ids.meeting, reason: t } }), field: 'reason' },
    { doc: `mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { token } }`, vars: (t: string) => ({ e: t, p: 'whatever-password' }), field: 'email' },
    { doc: `query($id: ID!) { agency(id: $id) { id } }`, vars: (t: string) => ({ id: t }), field: 'id' },
  ];
}

function insertAt(r: Rand, base: string, bad: string): string {
  const at = r.int(base.length + 1);
  return base.slice(0, at) + bad + base.slice(at);
}

function probes(r: Rand, token: string, ids: { board: string; meeting: string; agency: string }): Probe[] {
  const out: Probe[] = [];
  const post = (body: unknown, headers: Record<string, string> = { 'content-type': 'application/json' }) => (hub: TestHub) => {
    const req = hub.http().post('/graphql').set('authorization', `Bearer ${token}`);
    for (const [k, v] of Object.entries(headers)) req.set(k, v);
    return req.send(body as any);
  };
  const gql = (query: unknown, variables?: unknown) => post({ query, variables });

  // 1. Syntax errors (200): truncated, mangled and random documents.
  for (let n = 0; n < 200; n++) {
    const base = r.pick(VALID_DOCS);
    const variant = r.int(5);
    let doc: string;
    if (variant === 0) doc = base.slice(0, 1 + r.int(base.length - 2));
    else if (variant === 1) doc = insertAt(r, base, r.pick(['{', '}', '(', ')', '"', '$', '!', '...', '@', '#\n', ':', '=', '\\', '\u0000', '\ud800']));
    else if (variant === 2) doc = base.replace(r.pick(['{', '}', '(', ')', ':']), '');
    else if (variant === 3) doc = Array.from({ length: 1 + r.int(40) }, () => String.fromCharCode(33 + r.int(90))).join('');
    else doc = r.pick(['', ' ', '{', '}', 'query', 'mutation {', '{ boards { id }', 'query q($: Int) { me { id } }', '"unterminated', '{ a(b: """) }', '1', '{ boards { id } } }']);
    let syntaxError = false;
    try {
      parse(doc, { maxTokens: MAX_TOKENS });
    } catch {
      syntaxError = true;
    }
    // An empty document is no document at all, which Apollo refuses before parsing.
    const expected = doc === '' ? { status: 400, code: 'BAD_REQUEST' } : syntaxError ? { status: 400, code: 'GRAPHQL_PARSE_FAILED' } : undefined;
    out.push({ kind: 'syntax', send: gql(doc), expect: expected });
  }
  // 2. Too many tokens (20): each a syntax error too.
  for (let n = 0; n < 20; n++) {
    const fields = MAX_TOKENS + r.int(20000);
    out.push({ kind: 'tokens', send: gql(`{ ${'__typename '.repeat(fields)}}`), expect: { status: 400, code: 'GRAPHQL_PARSE_FAILED' } });
  }
  // 3. Deep, wide, aliased and directive-heavy queries (100).
  for (let n = 0; n < 100; n++) {
    const variant = r.int(4);
    let doc: string;
    if (variant === 0) {
      const depth = 13 + r.int(30);
      let inner = 'id';
      for (let d = 0; d < depth; d++) inner = d % 2 ? `agency { memberships { ${inner} } }` : `board { members { ${inner} } }`;
      doc = `{ boards { members { ${inner} } } }`;
    } else if (variant === 1) {
      doc = `{ ${Array.from({ length: 31 + r.int(400) }, (_, i) => `a${i}: boards { id }`).join(' ')} }`;
    } else if (variant === 2) {
      doc = `{ boards { id ${'@include(if: true) '.repeat(31 + r.int(200))} } }`;
    } else {
      doc = `{ ${Array.from({ length: 5 + r.int(25) }, (_, i) => `b${i}: boards { members { agency { memberships { board { members { agency { name } } } } } } }`).join(' ')} }`;
    }
    out.push({ kind: 'deep-wide', send: gql(doc) });
  }
  // 4. Wrong types and impossible values (200).
  const wrongs: unknown[] = [1, -1, 2 ** 53, 1.5, true, false, null, [], [1, 'a'], {}, { a: 1 }, '', ' ', 'x'.repeat(300), '2024-02-30', '2024-13-01', '0000-00-00', 'not-a-uuid', '00000000-0000-0000-0000-000000000000', 'NOT_AN_ENUM', 'DROP TABLE board;', '\'; --'];
  const shapes = [
    (v: unknown) => ({ doc: `mutation($i: CreateAgencyInput!) { createAgency(input: $i) { id } }`, vars: { i: { name: v, sector: r.pick(['OTHER', v]) } } }),
    (v: unknown) => ({ doc: `mutation($i: CreateBoardInput!) { createBoard(input: $i) { id } }`, vars: { i: { name: 'B', kind: v, area: 'A', attendanceThreshold: r.pick([v, 2, -1, 0.5]), quorumMinimum: r.pick([v, -3, 2 ** 31]) } } }),
    (v: unknown) => ({ doc: `mutation($i: ScheduleMeetingInput!) { scheduleMeeting(input: $i) { id } }`, vars: { i: { boardId: r.pick([v, ids.board]), title: 'T', date: v } } }),
    (v: unknown) => ({ doc: `mutation($i: RecordAttendanceInput!) { recordAttendance(input: $i) { id } }`, vars: { i: { meetingId: r.pick([v, ids.meeting]), records: r.pick([v, [{ agencyId: v, status: 'PRESENT' }], [{ agencyId: ids.agency, status: v }]]) } } }),
    (v: unknown) => ({ doc: `mutation($i: AddMembershipInput!) { addMembership(input: $i) { id } }`, vars: { i: { agencyId: r.pick([v, ids.agency]), boardId: ids.board, role: r.pick([v, 'PARTNER']), startsOn: v } } }),
    (v: unknown) => ({ doc: `query($id: ID!, $from: LocalDate!, $to: LocalDate!) { board(id: $id) { attendance(from: $from, to: $to) { overallRate } } }`, vars: { id: r.pick([v, ids.board]), from: v, to: r.pick([v, '2024-01-01']) } }),
    (v: unknown) => ({ doc: `query($first: Int) { board(id: "${ids.board}") { meetings(first: $first) { nodes { id } } } }`, vars: { first: v } }),
    (v: unknown) => ({ doc: `mutation($i: CreateAgencyInput!) { createAgency(input: $i) { id } }`, vars: r.pick([v, { i: v }, { j: {} }]) }),
  ];
  for (let n = 0; n < 200; n++) {
    const { doc, vars } = r.pick(shapes)(r.pick(wrongs));
    out.push({ kind: 'wrong-type', send: gql(doc, vars) });
  }
  // 5. Huge strings (50), the last few over the 1 MB body limit.
  for (let n = 0; n < 50; n++) {
    const size = n < 45 ? 10_000 + r.int(800_000) : 1_100_000 + r.int(500_000);
    out.push({
      kind: 'huge',
      send: gql(`mutation($i: CreateAgencyInput!) { createAgency(input: $i) { id } }`, { i: { name: 'x'.repeat(size), sector: 'OTHER' } }),
      expect: n < 45 ? { code: 'BAD_USER_INPUT' } : { status: 413 },
    });
  }
  // 6 and 7. NUL bytes (100) and lone surrogates (100) in text: BAD_USER_INPUT naming the field.
  const targets = textTargets(ids);
  for (const [kind, bads] of [
    ['nul', ['\u0000']],
    ['surrogate', ['\ud800', '\udbff', '\udc00', '\udfff', '\ud83d']],
  ] as const) {
    for (let n = 0; n < 100; n++) {
      const target = r.pick(targets);
      const text = insertAt(r, r.pick(['Leicestershire Police', 'a', 'DCI Jones', 'x@y.org']), r.pick(bads));
      out.push({ kind, send: gql(target.doc, target.vars(text)), expect: { code: 'BAD_USER_INPUT', field: target.field } });
    }
  }
  // 8. Bodies that are not (well-formed) JSON (100).
  const badBodies: (string | Buffer)[] = [
    '{', '{"query":', '{"query": "{ me { id } }"', 'null', '[]', '[{}]', '123', '"query"', 'true', '{"query": 1}', '{"query": null}', '{"query": {}}',
    '{"query": "{ me { id } }", "variables": "x"}', '{"query": "{ me { id } }", "variables": [1]}', '{"query": "{ me { id } }", "operationName": 5}',
    '{"query": "{ me { id } }", "extensions": "x"}', '{"query": "query A { me { id } } query B { me { id } }"}', '{"query": "query A { me { id } }", "operationName": "C"}',
    '{"query": "{ me { id } }",}', "{'query': '{ me { id } }'}", '\ufeff{"query": "{ me { id } }"}', '',
    Buffer.from([0xff, 0xfe, 0x7b, 0x00]), Buffer.from('{"query": "{ me { id } }", "x": "\xc3\x28"}', 'latin1'), Buffer.from([0xc0, 0x80, 0x7b, 0x7d]),
    '[{"query": "{ me { id } }"}, {"query": "{ me { id } }"}]',
  ];
  for (let n = 0; n < 100; n++) out.push({ kind: 'bad-json', send: post(r.pick(badBodies)) });
  // 9. Wrong content types and methods (100).
  const doc = JSON.stringify({ query: '{ me { id } }' });
  const variants: ((hub: TestHub) => Promise<any>)[] = [
    post(doc, { 'content-type': 'text/plain' }),
    post(doc, { 'content-type': 'application/x-www-form-urlencoded' }),
    post('query=%7B%20me%20%7B%20id%20%7D%20%7D', { 'content-type': 'application/x-www-form-urlencoded' }),
    post(doc, { 'content-type': 'application/xml' }),
    post(doc, { 'content-type': 'multipart/form-data; boundary=x' }),
    post(doc, { 'content-type': 'application/octet-stream' }),
    post(doc, { 'content-type': 'application/json; charset=latin1' }),
    post(doc, { 'content-type': 'application/json; charset=utf-16' }),
    post(doc, { 'content-type': 'application/graphql' }),
    post('{ me { id } }', { 'content-type': 'application/graphql' }),
    post(doc, { 'content-type': '' }),
    post(doc, { 'content-type': 'application/json', 'content-encoding': 'gzip' }),
    post(doc, { 'content-type': 'application/json', 'content-encoding': 'br' }),
    (hub) => hub.http().get('/graphql').set('apollo-require-preflight', 'true'),
    (hub) => hub.http().get('/graphql?query=%7B%20me%20%7B%20id%20%7D%20%7D'),
    (hub) => hub.http().get('/graphql?query=%7B%20me%20%7B%20id%20%7D%20%7D&variables=%7B').set('apollo-require-preflight', 'true'),
    (hub) => hub.http().get('/graphql?query=mutation%20%7B%20signIn(email%3A%22a%22%2C%20password%3A%22b%22)%20%7B%20token%20%7D%20%7D').set('apollo-require-preflight', 'true'),
    (hub) => hub.http().get('/graphql?query=%7B&extensions=%5B').set('apollo-require-preflight', 'true'),
    (hub) => hub.http().get('/graphql?query=' + '%00'.repeat(10)).set('apollo-require-preflight', 'true'),
    (hub) => hub.http().put('/graphql').set('content-type', 'application/json').send(doc),
    (hub) => hub.http().delete('/graphql'),
    (hub) => hub.http().patch('/graphql').set('content-type', 'application/json').send(doc),
    (hub) => hub.http().options('/graphql'),
    (hub) => hub.http().head('/graphql'),
  ];
  for (let n = 0; n < 100; n++) out.push({ kind: 'content-type', send: r.pick(variants) });
  // 10. Junk credentials (30).
  const junk = ['Bearer', 'Bearer ', 'Bearer x.y.z', 'Basic dXNlcjpwYXNz', `Bearer ${'a'.repeat(8000)}`, 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.', token + 'x', 'bearer ' + token];
  for (let n = 0; n < 30; n++) {
    const auth = r.pick(junk);
    out.push({ kind: 'credentials', send: (hub) => hub.http().post('/graphql').set('content-type', 'application/json').set('authorization', auth).send(doc) });
  }
  return out;
}

describe('1,000 malformed requests', () => {
  let hub: TestHub;
  let f: Factories;
  beforeAll(async () => {
    hub = await startHub();
    f = factories(hub.ds);
  });
  afterAll(() => hub.close());

  // About 10 s alone; the bound leaves room for a machine busy with other suites.
  it('are all client errors: no 5xx, no internal error, syntax errors 400 GRAPHQL_PARSE_FAILED, bad text BAD_USER_INPUT on its field, nothing written by bad text', async () => {
    const board = await f.board();
    const agency = await f.agency();
    await f.membership(agency.id, { boardId: board.id });
    const meeting = await f.meeting({ boardId: board.id }, '2024-05-01');
    const admin = await signedIn(hub, f, UserRole.ADMIN);
    const list = probes(seeded(1000), admin.token, { board: board.id, meeting: meeting.id, agency: agency.id });
    expect(list).toHaveLength(1000);

    const tables = ['agency', 'board', 'meeting', 'attendance', 'membership', 'audit_log_entry'];
    const snapshot = () => Promise.all(tables.map((t) => countRows(hub.ds, t)));
    const answers: { probe: Probe; status: number; code?: string; field?: string; message?: string; request?: unknown }[] = [];
    const writtenByBadText: number[] = [];
    const durations: Record<string, number> = {};
    // Kind by kind, ten at a time: bounded, and close enough together to share the pool.
    for (const kind of [...new Set(list.map((p) => p.kind))]) {
      const ofKind = list.filter((p) => p.kind === kind);
      const before = await snapshot();
      const started = Date.now();
      for (let start = 0; start < ofKind.length; start += 10) {
        const batch = ofKind.slice(start, start + 10);
        const results = await Promise.all(batch.map((p) => p.send(hub)));
        results.forEach((res, k) => {
          let body = res.body;
          if ((!body || !Object.keys(body).length) && res.text) {
            try {
              body = JSON.parse(res.text);
            } catch {
              body = undefined;
            }
          }
          const e = body?.errors?.[0];
          answers.push({ probe: batch[k], status: res.status, code: e?.extensions?.code, field: e?.extensions?.field, message: e?.message, request: (res as any).request?._data });
        });
      }
      durations[kind] = Date.now() - started;
      // Text with a NUL or a lone surrogate is refused before anything is written.
      if (kind === 'nul' || kind === 'surrogate') {
        const after = await snapshot();
        writtenByBadText.push(...after.map((n, i) => n - before[i]));
      }
    }

    const byKind: Record<string, { n: number; statuses: Record<number, number> }> = {};
    for (const a of answers) {
      const k = (byKind[a.probe.kind] ??= { n: 0, statuses: {} });
      k.n += 1;
      k.statuses[a.status] = (k.statuses[a.status] ?? 0) + 1;
    }
    const serverErrors = answers.filter((a) => a.status >= 500);
    const internal = answers.filter((a) => a.code === 'INTERNAL_SERVER_ERROR');
    const unmet = answers.filter(
      (a) =>
        a.probe.expect &&
        ((a.probe.expect.status !== undefined && a.status !== a.probe.expect.status) ||
          (a.probe.expect.code !== undefined && a.code !== a.probe.expect.code) ||
          (a.probe.expect.field !== undefined && a.field !== a.probe.expect.field)),
    );
    console.info(`fuzz figures: ${JSON.stringify({ requests: answers.length, http5xx: serverErrors.length, internalErrors: internal.length, unmetExpectations: unmet.length, byKind, durationsMs: durations })}`);
    for (const a of [...serverErrors, ...internal, ...unmet].slice(0, 5)) console.log(a.probe.kind, a.status, a.code, a.field, a.message, JSON.stringify(a.probe.expect), JSON.stringify(a.request)?.slice(0, 400));
    expect(serverErrors).toHaveLength(0);
    expect(internal).toHaveLength(0);
    expect(unmet).toHaveLength(0);
    expect(writtenByBadText.every((n) => n === 0)).toBe(true);
  }, 180_000);

  it('accepts text that is merely unusual: emoji (surrogate pairs), accents, right-to-left script', async () => {
    const admin = await signedIn(hub, f, UserRole.ADMIN);
    for (const name of ['Police 👮 Leicestershire', 'Café Médical', 'مجلس الحماية', '𝒜𝑔𝑒𝓃𝒸𝓎']) {
      const res = await hub.gql(`mutation($i: CreateAgencyInput!) { createAgency(input: $i) { name } }`, { i: { name, sector: 'OTHER' } }, admin.token);
      expect(res.errors).toBeUndefined();
      expect(res.data.createAgency.name).toBe(name);
    }
  });

  it('refuses bad text written inline in the document as well as in variables', async () => {
    const admin = await signedIn(hub, f, UserRole.ADMIN);
    const before = await countRows(hub.ds, 'agency');
    // graphql-js itself refuses an escaped lone surrogate (a syntax error); a NUL it decodes, and the guard refuses.
    for (const [escaped, expected] of [
      ['\\u0000', { code: 'BAD_USER_INPUT', field: 'name' }],
      ['\\u{0}', { code: 'BAD_USER_INPUT', field: 'name' }],
      ['\\uD800', { code: 'GRAPHQL_PARSE_FAILED' }],
      ['\\uDC00x', { code: 'GRAPHQL_PARSE_FAILED' }],
      ['\ud800', { code: 'GRAPHQL_PARSE_FAILED' }],
    ] as const) {
      const res = await hub.gql(`mutation { createAgency(input: { name: "Bad${escaped}name", sector: OTHER }) { id } }`, {}, admin.token);
      expect(res.errors?.[0]?.extensions).toMatchObject(expected);
      expect(res.status).toBe(expected.code === 'GRAPHQL_PARSE_FAILED' ? 400 : 200);
    }
    expect(await countRows(hub.ds, 'agency')).toBe(before);
  });
});
