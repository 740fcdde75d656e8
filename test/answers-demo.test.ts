import { UserRole } from '../src/common/enums';
import { seedDemo } from '../seeds';
import { SCENARIOS } from '../bench/scenarios';
import { factories } from './helpers/factories';
import { startHub, TestHub } from './helpers/hub';

/**
 * Issue 17: the statements behind the figures were rewritten for speed (attendance, cycle summaries
 * with each return's stored previous return, the sign-in cache). The answers must not change: this
 * test reads the benchmark scenarios, and the wider figure shapes they touch, for every board, cycle
 * and several periods of the demo data, and compares them with a snapshot captured from main before
 * the rewrite (test/__snapshots__/answers-demo.test.ts.snap; regenerate only for a deliberate change).
 * Ids are random per seeding, so each id is replaced by the order in which it first appears.
 */
describe('answers on the demo data are the same as before the performance work', () => {
  let hub: TestHub;
  let token: string;
  let boards: { id: string; name: string }[];
  let cycles: { id: string; name: string }[];

  beforeAll(async () => {
    hub = await startHub({ freshDatabase: 'hub_answers', unlimitedQueries: true });
    await seedDemo(hub.ds, (p) => hub.app.services.user.hash(p));
    const admin = await factories(hub.ds).user(UserRole.ADMIN);
    token = hub.tokenFor(admin.id);
    boards = (await hub.ds.query(`SELECT id, name FROM board ORDER BY name, id`)) as { id: string; name: string }[];
    labels = await loadLabels();
    cycles = (await hub.ds.query(`SELECT c.id, c.name FROM audit_cycle c ORDER BY c.name, c.opens_on, c.id`)) as { id: string; name: string }[];
  }, 120_000);
  afterAll(() => hub.close());

  const PERIODS = [
    ['2012-04-01', '2013-03-31'],
    ['2013-04-01', '2014-03-31'],
    ['2014-04-01', '2015-03-31'],
    ['2024-04-01', '2025-03-31'],
    ['2025-04-01', '2026-03-31'],
  ];

  /** Each id as what it names (uuids are random per seeding): the agency's name, the meeting's body, date and title... */
  let labels: Map<string, string>;
  async function loadLabels(): Promise<Map<string, string>> {
    const rows = (await hub.ds.query(`
      SELECT id, 'agency ' || name AS label FROM agency
      UNION ALL SELECT id, 'board ' || name FROM board
      UNION ALL SELECT id, 'sub-group ' || name FROM sub_group
      UNION ALL SELECT m.id, concat_ws(' ', 'seat', b.name, sg.name, ag.name, m.role, m.starts_on) FROM membership m
        JOIN agency ag ON ag.id = m.agency_id LEFT JOIN board b ON b.id = m.board_id LEFT JOIN sub_group sg ON sg.id = m.sub_group_id
      UNION ALL SELECT m.id, concat_ws(' ', 'meeting', b.name, sg.name, m.date, m.title) FROM meeting m
        LEFT JOIN board b ON b.id = m.board_id LEFT JOIN sub_group sg ON sg.id = m.sub_group_id
      UNION ALL SELECT id, 'cycle ' || name FROM audit_cycle
      UNION ALL SELECT r.id, concat_ws(' ', 'return', c.name, ag.name) FROM audit_return r JOIN audit_cycle c ON c.id = r.cycle_id JOIN agency ag ON ag.id = r.agency_id
    `)) as { id: string; label: string }[];
    return new Map(rows.map((r) => [r.id, r.label]));
  }

  /** Lists the API orders by id (random per seeding), compared in the order of their labels instead. */
  const BY_ID: Record<string, true> = { members: true };
  const byLabel = (list: unknown) => [...(list as { id: string }[])].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

  function normalise(value: unknown): unknown {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
    const walk = (v: unknown): unknown => {
      if (typeof v === 'string' && uuid.test(v)) return labels.get(v) ?? 'another id';
      if (Array.isArray(v)) return v.map(walk);
      if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, BY_ID[k] && Array.isArray(x) ? byLabel(walk(x)) : walk(x)]));
      return v;
    };
    return walk(value);
  }

  async function ask(query: string, variables: Record<string, unknown>): Promise<unknown> {
    const res = await hub.gql(query, variables, token);
    expect(res.errors).toBeUndefined();
    return res.data;
  }

  const scenario = (name: string) => SCENARIOS.find((s) => s.name === name)!.hub.query;

  it('the read scenarios of the benchmark, for every board, cycle and period', async () => {
    const out: Record<string, unknown> = {};
    for (const b of boards) {
      for (const [from, to] of PERIODS) {
        out[`partnershipStatus ${b.name} ${from}`] = await ask(scenario('partnershipStatus'), { id: b.id, from, to });
        out[`executiveSummary ${b.name} ${from}`] = await ask(scenario('executiveSummary'), { id: b.id, from, to });
      }
      out[`boardMeetings ${b.name}`] = await ask(scenario('boardMeetings'), { id: b.id });
    }
    for (const c of cycles) out[`cycleCompliance ${c.name}`] = await ask(scenario('cycleCompliance'), { id: c.id });
    expect(normalise(out)).toMatchSnapshot();
  }, 120_000);

  it('every figure of attendance and of the cycle summaries, boards and sub-groups', async () => {
    const attendance = `attendance(from: $from, to: $to) {
      meetingsHeld meetingsConvened quorateMeetings overallRate overallPersonRate threshold decisions decisionsWithoutQuorum
      byAgency { agency { id name } expected attended deputies apologies absent rate belowThreshold }
      byPerson { name agencyId expected attended apologies rate belowThreshold }
      attendeesPerMeeting { meetingId date status present members deputies inAttendance observers virtual apologies }
    }`;
    const out: Record<string, unknown> = {};
    for (const b of boards) {
      for (const [from, to] of PERIODS) {
        out[`board ${b.name} ${from}`] = await ask(
          `query($id: ID!, $from: LocalDate!, $to: LocalDate!) { board(id: $id) { ${attendance}
            subGroups { name ${attendance} }
            auditCycles { name summary(asOf: $to) { invited submitted validated outstanding overdue late drafts returned submissionRate
              fullyCompliant selfAssessedFullyCompliant trends { improved sustained declined new }
              standards { code met partiallyMet notMet notApplicable selfAssessed { met partiallyMet notMet notApplicable } } } } } }`,
          { id: b.id, from, to },
        );
      }
    }
    for (const c of cycles) {
      out[`returns ${c.name}`] = await ask(
        `query($id: ID!) { auditCycle(id: $id) { returns { id status agency { name } trend previousReturn { id status cycle { name } }
          compliance { applicable met partiallyMet notMet notApplicable unrated percentMet rag }
          selfAssessedCompliance { applicable met partiallyMet notMet notApplicable unrated percentMet rag } } } }`,
        { id: c.id },
      );
    }
    expect(normalise(out)).toMatchSnapshot();
  }, 120_000);
});
