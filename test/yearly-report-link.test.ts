import { mkdirSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { chromium, Browser } from 'playwright-core';
import { AttendanceStatus, Sector, UserRole } from '../src/common/enums';
import { TestClock } from '../src/common/clock';
import { Factories, factories, signedIn } from './helpers/factories';
import { startHub, TestHub } from './helpers/hub';

/**
 * Issue 16: signed browser links to the yearly report, and its formats. The HTML is opened in
 * Debian's headless Chromium (/usr/bin/chromium, driven by playwright-core), printed to PDF and
 * screenshot as printed (.data/yearly-report-print.png); the workbook's sheets are read back and
 * compared with the tables of that page.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const YEAR = { from: '2024-04-01', to: '2025-03-31' };
const LINK = `query($b: ID!, $from: LocalDate!, $to: LocalDate!, $format: ReportFileFormat, $m: Int) { reportLink(boardId: $b, from: $from, to: $to, format: $format, expiresInMinutes: $m) }`;

/** The path and query of an absolute link, to open it on the test server. */
const pathOf = (absolute: string) => {
  const u = new URL(absolute);
  return u.pathname + u.search;
};

describe('yearly report: signed links, HTML in Chromium, CSV and workbook', () => {
  let hub: TestHub;
  let f: Factories;
  const clock = new TestClock();
  let server: ReturnType<TestHub['app']['app']['listen']>;
  let origin: string;
  let browser: Browser;

  beforeAll(async () => {
    hub = await startHub({ clock });
    f = factories(hub.ds);
    server = hub.app.httpServer.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server.close(resolve));
    await hub.close();
  });

  async function ok(token: string, query: string, i: Record<string, unknown>) {
    const res = await hub.gql(query, { i }, token);
    expect(res.errors).toBeUndefined();
    return Object.values(res.data)[0] as any;
  }

  /** Two agencies at three meetings (Women's Centre 3 of 3, Police 1 of 3), one plan with red, amber and green actions. */
  async function board() {
    const b = await f.board();
    const coordinator = await signedIn(hub, f, UserRole.COORDINATOR, { boardIds: [b.id] });
    const centre = await f.agency({ name: `Women's Centre ${b.id.slice(0, 8)}`, sector: Sector.VOLUNTARY });
    const police = await f.agency({ name: `Police ${b.id.slice(0, 8)}`, sector: Sector.POLICE });
    for (const a of [centre, police]) await f.membership(a.id, { boardId: b.id });
    for (const [date, p] of [['2024-05-01', AttendanceStatus.PRESENT], ['2024-09-01', AttendanceStatus.ABSENT], ['2025-01-01', AttendanceStatus.APOLOGIES]] as const) {
      const m = await f.meeting({ boardId: b.id }, date);
      await f.attendance(m.id, centre.id, AttendanceStatus.PRESENT);
      await f.attendance(m.id, police.id, p);
    }
    const t = coordinator.token;
    const plan = await ok(t, `mutation($i: CreateBusinessPlanInput!) { createBusinessPlan(input: $i) { id } }`, { boardId: b.id, title: 'Plan 2024/25', periodFrom: '2024-04-01', periodTo: '2025-03-31' });
    const pr = await ok(t, `mutation($i: AddPriorityInput!) { addPriority(input: $i) { id } }`, { businessPlanId: plan.id, code: 'A', title: "Children's voices are heard" });
    for (const rag of ['RED', 'AMBER', 'AMBER', 'GREEN']) {
      await ok(t, `mutation($i: AddActionInput!) { addAction(input: $i) { id } }`, { priorityId: pr.id, ownerAgencyId: centre.id, description: `Action ${rag}`, dueOn: '2026-12-31', rag });
    }
    return { board: b, coordinator };
  }

  it('issues a link only to those who may read the report; the link opens it without a bearer header, for that board only, until it expires', async () => {
    const { board: b, coordinator } = await board();
    const other = await board();
    const agencyUser = await signedIn(hub, f, UserRole.AGENCY_USER, { agencyId: (await f.agency()).id });
    const stranger = await signedIn(hub, f, UserRole.VIEWER, { boardIds: [other.board.id] });
    for (const who of [agencyUser, stranger]) {
      expect((await hub.gql(LINK, { b: b.id, ...YEAR }, who.token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    expect((await hub.gql(LINK, { b: b.id, ...YEAR })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const tooLong = await hub.gql(LINK, { b: b.id, ...YEAR, m: 7 * 24 * 60 + 1 }, coordinator.token);
    expect([tooLong.errors?.[0]?.extensions?.code, tooLong.errors?.[0]?.extensions?.field]).toEqual(['BAD_USER_INPUT', 'expiresInMinutes']);

    const res = await hub.gql(LINK, { b: b.id, ...YEAR, m: 30 }, coordinator.token);
    expect(res.errors).toBeUndefined();
    const absolute: string = res.data.reportLink;
    // Absolute, from PUBLIC_URL (the default here), so it opens from an email.
    expect(absolute).toMatch(new RegExp(`^http://localhost:4000/boards/${b.id}/annual-report\\?from=2024-04-01&to=2025-03-31&format=html&link=`));
    const url = pathOf(absolute);
    const opened = await hub.http().get(url);
    expect(opened.status).toBe(200);
    expect(opened.headers['cache-control']).toBe('private, no-store');
    expect(opened.headers['referrer-policy']).toBe('no-referrer');
    expect(opened.text).toContain(`${b.name}: annual report`);

    const link = new URL(url, origin).searchParams.get('link')!;
    // The same signature on another board, or another period, is refused.
    const elsewhere = await hub.http().get(`/boards/${other.board.id}/annual-report?from=${YEAR.from}&to=${YEAR.to}&format=html&link=${link}`);
    expect([elsewhere.status, elsewhere.body.errors[0].extensions.code]).toEqual([403, 'FORBIDDEN']);
    const otherYear = await hub.http().get(`/boards/${b.id}/annual-report?from=2023-04-01&to=2024-03-31&format=html&link=${link}`);
    expect(otherYear.status).toBe(403);
    // A signature altered by one character is not a link.
    const forged = link.slice(0, -2) + (link.endsWith('AA') ? 'BB' : 'AA');
    expect((await hub.http().get(url.replace(link, forged))).status).toBe(401);
    // Other formats through the same link.
    expect((await hub.http().get(url.replace('format=html', 'format=md'))).text).toContain("Women's Centre");

    // 29 minutes later it still opens; at 30 it has expired.
    clock.advance(29 * 60_000);
    expect((await hub.http().get(url)).status).toBe(200);
    clock.advance(60_000);
    const expired = await hub.http().get(url);
    expect([expired.status, expired.body.errors[0].extensions.code, expired.body.errors[0].message]).toEqual([401, 'UNAUTHENTICATED', 'This report link has expired: ask for a new one']);

    // A coordinator who loses the board loses the links they were given.
    const fresh = pathOf((await hub.gql(LINK, { b: b.id, ...YEAR }, coordinator.token)).data.reportLink);
    expect((await hub.http().get(fresh)).status).toBe(200);
    await hub.ds.query(`DELETE FROM user_board WHERE user_id = $1`, [coordinator.user.id]);
    expect((await hub.http().get(fresh)).status).toBe(403);
  });

  it('opens in headless Chromium from a signed link, prints with inline SVG charts, and its workbook and CSV match the page', async () => {
    const { board: b, coordinator } = await board();
    const url = pathOf((await hub.gql(LINK, { b: b.id, ...YEAR }, coordinator.token)).data.reportLink);
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    const answer = await page.goto(origin + url);
    expect(answer?.status()).toBe(200);
    expect(await page.locator('h1').innerText()).toBe(`${b.name}: annual report 2024-04-01 to 2025-03-31`);
    // Two charts: attendance by agency, actions by RAG; both inline SVG with bars.
    expect(await page.locator('svg.chart').count()).toBe(2);
    expect(await page.locator('svg.chart rect').count()).toBeGreaterThanOrEqual(5);
    expect(await page.getByText("Women's Centre", { exact: false }).count()).toBeGreaterThan(0);

    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('nav.formats').isVisible()).toBe(false);
    const dir = path.resolve(__dirname, '../.data');
    mkdirSync(dir, { recursive: true });
    await page.setViewportSize({ width: 794, height: 1123 }); // A4 at 96 dpi
    await page.screenshot({ path: path.join(dir, 'yearly-report-print.png'), fullPage: true });
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(errors).toEqual([]);

    // The tables of the page, cell by cell.
    const htmlTables = await page.$$eval('table', (ts) => ts.map((t) => [...t.querySelectorAll('tr')].map((tr) => [...tr.querySelectorAll('th,td')].map((c) => (c as unknown as { innerText: string }).innerText.trim()))));
    await page.close();

    const xlsx = await hub.http().get(url.replace('format=html', 'format=xlsx')).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers['content-disposition']).toMatch(/attachment; filename=".+\.xlsx"/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.body as never);
    // No case reviews on this board: its tables are partners, the plan and the checklist.
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Partners', 'Business plan', 'Checklist']);
    const sheets = wb.worksheets.map((ws) => {
      const rows: string[][] = [];
      ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))));
      return rows;
    });
    expect(sheets).toEqual(htmlTables);
    // The plan sheet: 4 actions = 1 red + 2 amber + 1 green + 0 without RAG, as numbers.
    const plan = wb.getWorksheet('Business plan')!;
    expect((plan.getRow(2).values as unknown[]).slice(1, 8)).toEqual(['A', "Children's voices are heard", 4, 1, 2, 1, 0]);

    const csv = await hub.http().get(url.replace('format=html', 'format=csv'));
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.text.split('\r\n')).toContain("A,Children's voices are heard,4,1,2,1,0,0,0%,yes");
    const one = await hub.http().get(url.replace('format=html', 'format=csv') + '&table=Business%20plan');
    expect(one.text).toBe(
      'Priority,Title,Actions,Red,Amber,Green,No RAG,Cancelled (not counted),% complete,Little or no progress\r\n' + "A,Children's voices are heard,4,1,2,1,0,0,0%,yes\r\n",
    );
  });
});
