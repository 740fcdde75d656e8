import { migrations } from '../migrations';
import { MembershipRole, Sector, UserRole } from '../src/common/enums';
import { Factories, factories, signedIn } from './helpers/factories';
import { startHub, TestHub } from './helpers/hub';
import { rejecter } from './helpers/rejects';

/** Partnerships as they run since 2019 (../shared/domain/arrangements.md): kinds, footprint, office holders, roles. */
describe('arrangements: boards, office holders, membership roles', () => {
  let hub: TestHub;
  let f: Factories;
  let admin: string;
  beforeAll(async () => {
    hub = await startHub();
    f = factories(hub.ds);
    admin = (await signedIn(hub, f, UserRole.ADMIN)).token;
  });
  afterAll(() => hub.close());

  const CREATE = `mutation($i: CreateBoardInput!) { createBoard(input: $i) { id kind footprint runsFrom runsTo } }`;
  const APPOINT = `mutation($i: AppointOfficeHolderInput!) { appointOfficeHolder(input: $i) { id role personName agency { name } startsOn endsOn } }`;
  const END = `mutation($i: EndOfficeHolderInput!) { endOfficeHolder(input: $i) { id endsOn } }`;
  const ADD = `mutation($i: AddMembershipInput!) { addMembership(input: $i) { id role representative representatives deputies } }`;

  it('maps the deprecated kinds to the historic boards and keeps a footprint and dates', async () => {
    const old = await hub.gql(CREATE, { i: { name: `Old LSCB ${Math.random()}`, kind: 'CHILDREN', area: 'Oldshire' } }, admin);
    expect(old.errors).toBeUndefined();
    expect(old.data.createBoard).toMatchObject({ kind: 'LSCB', footprint: ['Oldshire'], runsFrom: null });
    const adults = await hub.gql(CREATE, { i: { name: `Old SAB ${Math.random()}`, kind: 'ADULTS', area: 'Oldshire' } }, admin);
    expect(adults.data.createBoard.kind).toBe('SAB');
    const scp = await hub.gql(
      CREATE,
      { i: { name: `LLR SCP ${Math.random()}`, kind: 'SAFEGUARDING_CHILDREN_PARTNERSHIP', area: 'Leicester, Leicestershire and Rutland', footprint: ['Leicester', 'Leicestershire', 'Rutland'], runsFrom: '2019-09-29' } },
      admin,
    );
    expect(scp.data.createBoard).toMatchObject({ kind: 'SAFEGUARDING_CHILDREN_PARTNERSHIP', footprint: ['Leicester', 'Leicestershire', 'Rutland'], runsFrom: '2019-09-29', runsTo: null });
    const rejects = rejecter(hub, ['board']);
    await rejects(CREATE, { i: { name: `X ${Math.random()}`, kind: 'SAB', area: 'Xshire', footprint: [] } }, admin, 'BAD_USER_INPUT', 'footprint');
    await rejects(CREATE, { i: { name: `X ${Math.random()}`, kind: 'SAB', area: 'Xshire', runsFrom: '2020-01-01', runsTo: '2019-01-01' } }, admin, 'BAD_USER_INPUT', 'runsTo');
  });

  it('office holders with dates; lead and delegated partners only for a council, an ICB or the police', async () => {
    const board = await f.board({ kind: 'SAFEGUARDING_CHILDREN_PARTNERSHIP' as any });
    const police = await f.agency({ sector: Sector.POLICE });
    const trust = await f.agency({ sector: Sector.HEALTH_PROVIDER });
    const coord = (await signedIn(hub, f, UserRole.COORDINATOR, { boardIds: [board.id] })).token;
    const lead = await hub.gql(APPOINT, { i: { boardId: board.id, role: 'LEAD_SAFEGUARDING_PARTNER', personName: 'Chief Constable R. Nixon', agencyId: police.id, startsOn: '2024-04-01' } }, coord);
    expect(lead.errors).toBeUndefined();
    const delegate = await hub.gql(APPOINT, { i: { boardId: board.id, role: 'DELEGATED_SAFEGUARDING_PARTNER', personName: 'Det Supt A. Khan', agencyId: police.id, startsOn: '2024-04-01' } }, coord);
    const scrutineer = await hub.gql(APPOINT, { i: { boardId: board.id, role: 'INDEPENDENT_SCRUTINEER', personName: 'J. Smith', startsOn: '2023-01-01' } }, coord);
    expect(scrutineer.data.appointOfficeHolder.agency).toBeNull();
    const ended = await hub.gql(END, { i: { officeHolderId: delegate.data.appointOfficeHolder.id, endsOn: '2024-12-31' } }, coord);
    expect(ended.data.endOfficeHolder.endsOn).toBe('2024-12-31');
    // On 2025-01-15 the delegate's term has ended; the history keeps it.
    const read = await hub.gql(`query($id: ID!) { board(id: $id) { now: officeHolders(asOf: "2025-01-15") { personName } all: officeHolders(includeEnded: true) { personName role } } }`, { id: board.id }, coord);
    expect(read.data.board.now.map((o: any) => o.personName).sort()).toEqual(['Chief Constable R. Nixon', 'J. Smith']);
    expect(read.data.board.all).toHaveLength(3);

    const rejects = rejecter(hub, ['office_holder']);
    await rejects(APPOINT, { i: { boardId: board.id, role: 'LEAD_SAFEGUARDING_PARTNER', personName: 'Trust CEO', agencyId: trust.id, startsOn: '2024-04-01' } }, coord, 'BAD_USER_INPUT', 'agencyId');
    await rejects(APPOINT, { i: { boardId: board.id, role: 'DELEGATED_SAFEGUARDING_PARTNER', personName: 'Nobody', startsOn: '2024-04-01' } }, coord, 'BAD_USER_INPUT', 'agencyId');
    await rejects(APPOINT, { i: { boardId: board.id, role: 'PARTNERSHIP_CHAIR', personName: '  ', startsOn: '2024-04-01' } }, coord, 'BAD_USER_INPUT', 'personName');
    await rejects(APPOINT, { i: { boardId: board.id, role: 'PARTNERSHIP_CHAIR', personName: 'A', startsOn: '2024-04-01', endsOn: '2024-01-01' } }, coord, 'BAD_USER_INPUT', 'endsOn');
    await rejects(END, { i: { officeHolderId: delegate.data.appointOfficeHolder.id, endsOn: '2025-01-01' } }, coord, 'CONFLICT');
    await rejects(END, { i: { officeHolderId: lead.data.appointOfficeHolder.id, endsOn: '2020-01-01' } }, coord, 'BAD_USER_INPUT', 'endsOn');
    const other = (await signedIn(hub, f, UserRole.COORDINATOR, { boardIds: [(await f.board()).id] })).token;
    await rejects(APPOINT, { i: { boardId: board.id, role: 'PARTNERSHIP_CHAIR', personName: 'A', startsOn: '2024-04-01' } }, other, 'FORBIDDEN');
  });

  it('SAFEGUARDING_PARTNER only for the three sectors; STATUTORY_PARTNER kept on an LSCB, refused on a partnership outside them', async () => {
    const scp = await f.board({ kind: 'SAFEGUARDING_CHILDREN_PARTNERSHIP' as any });
    const lscb = await f.board();
    const council = await f.agency({ sector: Sector.LOCAL_AUTHORITY_CHILDREN });
    const icb = await f.agency({ sector: Sector.HEALTH_COMMISSIONER });
    const cafcass = await f.agency({ sector: Sector.CAFCASS });
    const sp = await hub.gql(ADD, { i: { agencyId: council.id, boardId: scp.id, role: 'SAFEGUARDING_PARTNER', representatives: ['DCS A. Brown', 'Head of Service B. Green'], deputies: ['C. White'], startsOn: '2024-04-01' } }, admin);
    expect(sp.data.addMembership).toMatchObject({ role: 'SAFEGUARDING_PARTNER', representative: 'DCS A. Brown', representatives: ['DCS A. Brown', 'Head of Service B. Green'], deputies: ['C. White'] });
    const single = await hub.gql(ADD, { i: { agencyId: icb.id, boardId: scp.id, role: 'SAFEGUARDING_PARTNER', representative: 'ICB Chief Nurse', startsOn: '2024-04-01' } }, admin);
    expect(single.data.addMembership).toMatchObject({ representatives: ['ICB Chief Nurse'], deputies: [] });
    const historic = await hub.gql(ADD, { i: { agencyId: cafcass.id, boardId: lscb.id, role: 'STATUTORY_PARTNER', startsOn: '2013-04-01' } }, admin);
    expect(historic.data.addMembership.role).toBe(MembershipRole.STATUTORY_PARTNER);

    const rejects = rejecter(hub, ['membership']);
    await rejects(ADD, { i: { agencyId: cafcass.id, boardId: scp.id, role: 'SAFEGUARDING_PARTNER', startsOn: '2024-04-01' } }, admin, 'BAD_USER_INPUT', 'role');
    await rejects(ADD, { i: { agencyId: cafcass.id, boardId: scp.id, role: 'STATUTORY_PARTNER', startsOn: '2024-04-01' } }, admin, 'BAD_USER_INPUT', 'role');
    await rejects(ADD, { i: { agencyId: cafcass.id, boardId: scp.id, role: 'RELEVANT_AGENCY', representatives: ['A', 'a'], startsOn: '2024-04-01' } }, admin, 'BAD_USER_INPUT', 'representatives');
    const ok = await hub.gql(ADD, { i: { agencyId: cafcass.id, boardId: scp.id, role: 'RELEVANT_AGENCY', startsOn: '2024-04-01' } }, admin);
    expect(ok.data.addMembership.role).toBe('RELEVANT_AGENCY');
  });
});

describe('migration 1763881400000-arrangements moves the historic data forward, losing nothing', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startHub({ freshDatabase: 'hub_arrangements_migration' });
  });
  afterAll(() => hub.close());

  it('CHILDREN and ADULTS boards become LSCB and SAB; seats name their people; agency records become person rows', async () => {
    // Undo the arrangements migration and every later one.
    const from = migrations.findIndex((m) => m.name === 'Arrangements1763881400000');
    for (let i = from; i < migrations.length; i += 1) await hub.ds.undoLastMigration({ transaction: 'each' });
    const q = (text: string, params: unknown[] = []) => hub.ds.query(text, params);
    const [lscb] = await q(`INSERT INTO board (name, kind, area, quorum_minimum) VALUES ('Old LSCB', 'CHILDREN', 'Oldshire', 1) RETURNING id`);
    const [sab] = await q(`INSERT INTO board (name, kind, area, quorum_minimum) VALUES ('Old SAB', 'ADULTS', 'Oldshire', 1) RETURNING id`);
    const [police] = await q(`INSERT INTO agency (name, sector) VALUES ('Old police ${Math.random()}', 'POLICE') RETURNING id`);
    const [trust] = await q(`INSERT INTO agency (name, sector) VALUES ('Old trust ${Math.random()}', 'HEALTH_PROVIDER') RETURNING id`);
    await q(`INSERT INTO membership (agency_id, board_id, role, representative, deputy, starts_on, expected_to_attend) VALUES ($1, $2, 'STATUTORY_PARTNER', 'DCI Jones', 'DS Smith', '2013-04-01', true)`, [police.id, lscb.id]);
    await q(`INSERT INTO membership (agency_id, board_id, role, representative, starts_on, expected_to_attend) VALUES ($1, $2, 'STATUTORY_PARTNER', 'Named nurse', '2013-04-01', true)`, [trust.id, lscb.id]);
    const [meeting] = await q(`INSERT INTO meeting (board_id, title, date, status) VALUES ($1, 'LSCB', '2014-05-01', 'HELD') RETURNING id`, [lscb.id]);
    await q(`INSERT INTO attendance (meeting_id, agency_id, status, attendee_name) VALUES ($1, $2, 'DEPUTY', NULL), ($1, $3, 'PRESENT', 'Dr Who')`, [meeting.id, police.id, trust.id]);

    await hub.ds.runMigrations({ transaction: 'each' });
    const boards = await q(`SELECT id, kind::text, footprint FROM board WHERE id = ANY($1) ORDER BY name`, [[lscb.id, sab.id]]);
    expect(boards).toEqual([
      { id: lscb.id, kind: 'LSCB', footprint: ['Oldshire'] },
      { id: sab.id, kind: 'SAB', footprint: ['Oldshire'] },
    ]);
    const seats = await q(`SELECT role::text, representatives, deputies FROM membership WHERE board_id = $1 ORDER BY representative`, [lscb.id]);
    expect(seats).toEqual([
      { role: 'STATUTORY_PARTNER', representatives: ['DCI Jones'], deputies: ['DS Smith'] },
      { role: 'STATUTORY_PARTNER', representatives: ['Named nurse'], deputies: [] },
    ]);
    // The police's unnamed DEPUTY record is its deputy in person; the trust's record keeps who came.
    const people = await q(`SELECT person_name, capacity::text, status::text FROM register_entry WHERE meeting_id = $1 ORDER BY person_name`, [meeting.id]);
    expect(people).toEqual([
      { person_name: 'DS Smith', capacity: 'DEPUTY', status: 'PRESENT' },
      { person_name: 'Dr Who', capacity: 'MEMBER', status: 'PRESENT' },
    ]);
    expect(await q(`SELECT type::text FROM meeting WHERE id = $1`, [meeting.id])).toEqual([{ type: 'BOARD' }]);
    expect(await q(`SELECT status::text FROM attendance WHERE meeting_id = $1 ORDER BY status`, [meeting.id])).toEqual([{ status: 'DEPUTY' }, { status: 'PRESENT' }]);
  });
});
