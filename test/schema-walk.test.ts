import { getNamedType, GraphQLField, GraphQLObjectType, isNonNullType, isObjectType } from 'graphql';
import { buildHubSchema } from '../src/schema';
import { startHub, TestHub } from './helpers/hub';
import { AgencyKey, BodyKey, buildTwoBoards, Owned, Side, TwoBoards } from './helpers/two-boards';

/**
 * Walks the schema: for every root, every field path to a fixed depth (lists included) is asked
 * for in one generated query per root and object, as each kind of reader, and every object in every
 * answer is checked against who may read it, decided here from DOMAIN.md's "Who reads what" and
 * the fixture's own record of what belongs to whom, independently of the hub's code.
 */
const DEPTH = 5;
/** A type may recur this often along one path (previousReturn → cycle → returns needs three). */
const MAX_REPEAT = 3;
/** Values for arguments; a required argument missing here fails the test, so a new root is walked too. */
const ARGS: Record<string, string> = { from: '"2000-01-01"', to: '"2030-12-31"', includeEnded: 'true', periodEnd: '"2024-06-30"', date: '"2024-06-30"' };
/** Readable by anyone signed in: the agency directory and the audit frameworks (reference data). */
const DIRECTORY = new Set(['Agency', 'AuditFramework', 'AuditStandard', 'Indicator', 'IndicatorVersion']);

type Reader = 'admin' | 'coordA' | 'viewerA' | `user:${AgencyKey}`;
const READERS: Reader[] = ['admin', 'coordA', 'viewerA', 'user:aOnly', 'user:shared', 'user:sbOnly', 'user:endedA'];

function selection(type: GraphQLObjectType, depth: number, path: string[]): string {
  const parts = ['__typename'];
  if (type.getFields().id) parts.push('id');
  if (depth === 0) return parts.join(' ');
  for (const field of Object.values(type.getFields()) as GraphQLField<unknown, unknown>[]) {
    const named = getNamedType(field.type);
    if (!isObjectType(named)) continue;
    if (path.filter((t) => t === named.name).length >= MAX_REPEAT) continue;
    const args = field.args
      .filter((a) => ARGS[a.name] !== undefined || (isNonNullType(a.type) && a.defaultValue === undefined))
      .map((a) => {
        if (ARGS[a.name] === undefined) throw new Error(`No value for required argument ${type.name}.${field.name}(${a.name}): add it to ARGS`);
        return `${a.name}: ${ARGS[a.name]}`;
      });
    parts.push(`${field.name}${args.length ? `(${args.join(', ')})` : ''} { ${selection(named, depth - 1, [...path, named.name])} }`);
  }
  return parts.join(' ');
}

/** Every object with an id in an answer, with the path that reached it. */
function objectsIn(value: unknown, path: string, out: { type: string; id: string; path: string }[] = []) {
  if (Array.isArray(value)) value.forEach((v, i) => objectsIn(v, `${path}[${i}]`, out));
  else if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o.__typename === 'string' && typeof o.id === 'string') out.push({ type: o.__typename, id: o.id, path });
    for (const [k, v] of Object.entries(o)) if (k !== '__typename' && k !== 'id') objectsIn(v, `${path}.${k}`, out);
  }
  return out;
}

/** Who may read what, as DOMAIN.md decides it, for the fixture's readers. */
function mayRead(w: TwoBoards, reader: Reader, o: Owned): boolean {
  // Notifications are their addressee's alone, an admin's included.
  if (o.type === 'Notification') return o.owner === reader;
  if (reader === 'admin' || DIRECTORY.has(o.type)) return true;
  if (reader === 'coordA' || reader === 'viewerA') {
    if (o.type === 'User') return reader === 'viewerA' ? o.label === 'viewer of A' : ['coordinator of A', 'viewer of A', 'user of aOnly', 'user of shared', 'user of bOnly'].includes(o.label);
    if (o.type === 'AuditLogEntry') return reader === 'coordA' && o.boards.includes('A');
    return o.boards.includes('A');
  }
  const me = reader.slice('user:'.length) as AgencyKey;
  const seats = w.seats[me];
  const board = (s: Side) => seats.includes(s);
  const body = (b: BodyKey | undefined) =>
    b === 'A' || b === 'B' ? board(b) : b === 'J' ? seats.includes('J') || board('A') || board('B') : b === 'SB' ? seats.includes('SB') || board('B') : false;
  switch (o.type) {
    case 'Board':
    case 'OfficeHolder':
    case 'SubGroup':
    case 'Meeting':
    case 'Attendance':
    case 'RegisterEntry':
    case 'AgendaItem':
    case 'Decision':
      return body(o.body);
    case 'Membership':
      return body(o.body) || o.agency === me;
    case 'AuditCycle':
      return o.boards.some(board) || !!o.invited?.includes(me);
    case 'AuditReturn':
    case 'AuditAssessment':
    case 'AuditReturnVersion':
    case 'Action':
    case 'ActionUpdate':
    case 'ActionDueDateChange':
      return o.agency === me;
    case 'Observation':
    case 'ObservationVersion':
      return o.agency === me || (o.status === 'VALIDATED' && o.boards.some(board));
    case 'DataSetItem':
    case 'Benchmark':
    case 'CaseReview':
    case 'Recommendation':
    case 'ReviewEvent':
    case 'Finding':
    case 'SeriousIncident':
    case 'RapidReview':
    case 'ReviewContribution':
    case 'ExternalLearning':
    case 'BusinessPlan':
    case 'PlanPriority':
      return o.boards.some(board);
    case 'User':
      return o.label === `user of ${me}`;
    default:
      return false;
  }
}

describe('schema walk: no object leaves the hub unless its reader may read it', () => {
  let hub: TestHub;
  let w: TwoBoards;
  const schema = buildHubSchema();
  const query = schema.getQueryType()!;

  beforeAll(async () => {
    hub = await startHub({ unlimitedQueries: true });
    w = await buildTwoBoards(hub);
  }, 300_000);
  afterAll(() => hub.close());

  /** The root calls to walk: list roots once, lookups once per fixture object of their type. */
  function rootCalls(): { root: string; args: string; expectReadable?: Owned }[] {
    const calls: { root: string; args: string; expectReadable?: Owned }[] = [];
    for (const field of Object.values(query.getFields())) {
      const named = getNamedType(field.type);
      if (!isObjectType(named)) continue;
      const required = field.args.filter((a) => isNonNullType(a.type) && a.defaultValue === undefined).map((a) => a.name);
      if (required.length === 0) calls.push({ root: field.name, args: '' });
      else if (required.join() === 'id') {
        // One object of each kind of ownership (type, boards, body, agency) stands for the others.
        const kinds = new Set<string>();
        for (const [id, o] of w.registry) {
          const kind = JSON.stringify([o.type, o.boards, o.body, o.agency, o.invited]);
          if (o.type !== named.name || kinds.has(kind)) continue;
          kinds.add(kind);
          calls.push({ root: field.name, args: `(id: "${id}")`, expectReadable: o });
        }
        if (!calls.some((c) => c.root === field.name) && !DIRECTORY.has(named.name)) throw new Error(`The fixture has no ${named.name} for ${field.name}(id)`);
        if (named.name === 'Agency') for (const id of Object.values(w.ids.agencies)) calls.push({ root: field.name, args: `(id: "${id}")` });
      } else if (required.sort().join() === 'boardId,from,to') {
        for (const side of ['A', 'B'] as Side[]) calls.push({ root: field.name, args: `(boardId: "${w.ids.boards[side]}", from: "2024-01-01", to: "2024-12-31")`, expectReadable: w.registry.get(w.ids.boards[side]) });
      } else if (required.sort().join() === 'boardId,periodEnd') {
        for (const side of ['A', 'B'] as Side[]) calls.push({ root: field.name, args: `(boardId: "${w.ids.boards[side]}", periodEnd: "2024-06-30")`, expectReadable: w.registry.get(w.ids.boards[side]) });
      } else if (required.join() === 'year') {
        calls.push({ root: field.name, args: '(year: 2024)' });
      } else throw new Error(`No way to call root ${field.name}(${required.join(', ')}): teach the walk`);
    }
    return calls;
  }

  it.each(READERS)('as %s: every object in every answer is one the reader may read', async (reader) => {
    const token = w.tokens[reader];
    const leaks: string[] = [];
    const errors: string[] = [];
    let seen = 0;
    const seenTypes = new Set<string>();
    for (const call of rootCalls()) {
      const type = getNamedType(query.getFields()[call.root].type) as GraphQLObjectType;
      // An admin reads everything in the database (other suites' data too): a shallower walk shows nothing is refused.
      const depth = reader === 'admin' ? 3 : DEPTH;
      const res = await hub.gql(`{ ${call.root}${call.args} { ${selection(type, depth - 1, [type.name])} } }`, {}, token);
      const rootDenied = (res.errors ?? []).some((e) => e.path?.length === 1 && e.extensions?.code === 'FORBIDDEN');
      for (const e of res.errors ?? []) {
        const atRoot = e.path?.length === 1 && e.extensions?.code === 'FORBIDDEN';
        // Viewers and agency users may not list the audit log or ask for an executive summary.
        if (!atRoot) errors.push(`${call.root}${call.args}: ${e.extensions?.code} at ${e.path?.join('.')}: ${e.message}`);
      }
      if (call.expectReadable) {
        const readable = call.root === 'executiveSummary' || call.root === 'yearlyReport' ? mayRead(w, reader, call.expectReadable) && !reader.startsWith('user:') : mayRead(w, reader, call.expectReadable);
        if (readable === rootDenied) errors.push(`${call.root} of ${call.expectReadable.label}: expected ${readable ? 'an answer' : 'FORBIDDEN'}`);
      }
      for (const o of objectsIn(res.data, call.root)) {
        seen += 1;
        seenTypes.add(o.type);
        if (DIRECTORY.has(o.type)) continue;
        const owned = w.registry.get(o.id);
        if (!owned) {
          if (reader !== 'admin') leaks.push(`${o.type} ${o.id} (not in the fixture) at ${o.path}`);
        } else if (!mayRead(w, reader, owned)) leaks.push(`${owned.label} at ${o.path}`);
      }
    }
    expect(seen).toBeGreaterThan(50);
    // The walk reaches every kind of object the fixture holds that this reader may read: a new type
    // that no path reaches would otherwise pass unchecked.
    if (reader !== 'admin') {
      const readable = new Set([...w.registry.values()].filter((o) => mayRead(w, reader, o)).map((o) => o.type));
      expect([...readable].filter((t) => !seenTypes.has(t)).sort()).toEqual([]);
    }
    expect(errors).toEqual([]);
    expect([...new Set(leaks.map((l) => l.replace(/\[\d+\]/g, '[]')))].slice(0, 40)).toEqual([]);
  }, 300_000);

  it("follows previousReturn from a readable return into the other board's cycle and gets null", async () => {
    const q = `query($id: ID!) { auditReturn(id: $id) { id previousReturn { id cycle { returns { assessments { evidence } } } } } }`;
    const res = await hub.gql(q, { id: w.sharedAbReturn }, w.tokens.coordA);
    expect(res.errors).toBeUndefined();
    expect(res.data.auditReturn).toEqual({ id: w.sharedAbReturn, previousReturn: null });
    // The shared agency itself reads its own earlier return, wherever it was made.
    const own = await hub.gql(`query($id: ID!) { auditReturn(id: $id) { previousReturn { id } } }`, { id: w.sharedAbReturn }, w.tokens['user:shared']);
    expect(own.data.auditReturn.previousReturn).toEqual({ id: w.sharedB1Return });
  });
});
