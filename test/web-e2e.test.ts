import { mkdirSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import { AttendanceStatus, BoardKind, MeetingStatus, Sector, UserRole } from '../src/common/enums';
import { TestClock } from '../src/common/clock';
import { factories, TEST_PASSWORD } from './helpers/factories';
import { startHub, TestHub } from './helpers/hub';

/**
 * Issue 18, end to end in Debian's headless Chromium (playwright-core, no browser download), on a
 * fresh database built by factories. The forms are driven with JavaScript OFF (progressive
 * enhancement: they must work without it); every page visited is then checked with JavaScript on
 * by axe-core (no serious or critical violations) and at 320 px wide (no sideways scrolling of the page).
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SHOTS = path.resolve(__dirname, '../.data/web-screenshots');

describe('web app end to end (Chromium)', () => {
  let hub: TestHub;
  let server: ReturnType<TestHub['app']['app']['listen']>;
  let origin: string;
  let browser: Browser;
  const clock = new TestClock(new Date('2025-01-15T10:00:00Z'));
  /** Every page each signed-in browser saw, for the axe and 320 px pass. */
  const visited = new Map<BrowserContext, Set<string>>();
  /** Pages that answered a POST (a form with its error summary): their HTML, checked by axe at the end. */
  const answered: { name: string; html: string }[] = [];
  const keep = async (page: Page, name: string) => answered.push({ name, html: await page.content() });

  beforeAll(async () => {
    hub = await startHub({ freshDatabase: 'web_e2e', clock });
    server = hub.app.httpServer.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    mkdirSync(SHOTS, { recursive: true });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
    await hub?.close();
  });

  /** A browser of its own (cookies, session), JavaScript off, signed in through the sign-in page. */
  async function signIn(email: string): Promise<Page> {
    const context = await browser.newContext({ javaScriptEnabled: false });
    visited.set(context, new Set());
    const page = await context.newPage();
    page.on('load', () => visited.get(context)!.add(page.url()));
    await page.goto(`${origin}/sign-in`);
    await page.fill('#email', email);
    await page.fill('#password', TEST_PASSWORD);
    await Promise.all([page.waitForURL(`${origin}/`), page.click('button:has-text("Sign in")')]);
    return page;
  }

  /** Clicks a submit button and waits for the page the server answers with (Post/Redirect/Get or a re-rendered form). */
  async function submit(page: Page, button: string, url?: RegExp | string) {
    const answered = page.waitForResponse((r) => r.request().method() === 'POST', { timeout: 15_000 });
    await page.click(button);
    await answered;
    if (url) {
      await page.waitForURL(url, { timeout: 10_000 }).catch(async (e) => {
        throw new Error(`${e.message}\n${page.url()}\n${await page.locator('main').innerText().catch(() => '')}`);
      });
    }
    await page.waitForLoadState('load');
  }

  const cells = (page: Page, table: string) =>
    page.locator(`${table} tbody tr`).evaluateAll((rows) => rows.map((r) => [...r.children].map((c) => (c.textContent ?? '').replace(/\s+/g, ' ').trim())));
  const banner = (page: Page) => page.locator('.govuk-notification-banner').innerText();
  const errorSummary = (page: Page) => page.locator('.govuk-error-summary').innerText();

  it('coordinator, agency lead, viewer and a foreign coordinator, each with what they may do', async () => {
    const f = factories(hub.ds);
    const board = await f.board({ name: 'Testshire Safeguarding Children Partnership', kind: BoardKind.CHILDREN, quorumMinimum: 2 });
    const other = await f.board({ name: 'Otherton Safeguarding Children Partnership', kind: BoardKind.CHILDREN });
    const police = await f.agency({ name: 'Testshire Police', sector: Sector.POLICE });
    const council = await f.agency({ name: 'Testshire County Council', sector: Sector.LOCAL_AUTHORITY_CHILDREN });
    const health = await f.agency({ name: 'Testshire ICB', sector: Sector.HEALTH_COMMISSIONER });
    for (const a of [police, council, health]) await f.membership(a.id, { boardId: board.id });
    await f.membership(police.id, { boardId: other.id });
    const may = await f.meeting({ boardId: board.id }, '2024-05-01', MeetingStatus.HELD, { title: 'Board meeting May' });
    await f.attendance(may.id, police.id, AttendanceStatus.PRESENT);
    await f.attendance(may.id, council.id, AttendanceStatus.PRESENT);
    await f.attendance(may.id, health.id, AttendanceStatus.ABSENT);
    const september = await f.meeting({ boardId: board.id }, '2024-09-10', MeetingStatus.SCHEDULED, { title: 'Board meeting September' });
    const coordinator = await f.user(UserRole.COORDINATOR, { boardIds: [board.id] });
    const viewer = await f.user(UserRole.VIEWER, { boardIds: [board.id] });
    const lead = await f.user(UserRole.AGENCY_USER, { agencyId: police.id });
    const foreign = await f.user(UserRole.COORDINATOR, { boardIds: [other.id] });

    // ---- Coordinator: the dashboard, then a register that changes the attendance figures ----
    const c = await signIn(coordinator.email);
    await c.goto(`${origin}/boards/${board.id}?year=2024`);
    // May only: police 1/1, council 1/1, ICB 0/1 (below 75%); overall 2/3 = 66.7%.
    expect(await cells(c, '#attendance-by-agency')).toEqual([
      ['Testshire County Council', '1', '1', '0', '0', '100%'],
      ['Testshire ICB Below threshold', '1', '0', '0', '1', '0%'],
      ['Testshire Police', '1', '1', '0', '0', '100%'],
    ]);
    expect(await c.locator('#attendance-summary').innerText()).toMatch(/Meetings held\s+1\s+Quorate meetings\s+1\s+Overall attendance\s+66.7%/);
    // The executive summary's headline sentences head the dashboard.
    expect(await c.locator('#headlines li').count()).toBeGreaterThan(0);
    await c.screenshot({ path: path.join(SHOTS, 'dashboard-before.png'), fullPage: true });
    await Promise.all([c.waitForURL(`${origin}/meetings/${september.id}/register`), c.click(`a[href="/meetings/${september.id}/register"]`)]);
    await c.check(`input[name="status_${police.id}"][value="PRESENT"]`);
    await c.check(`input[name="status_${council.id}"][value="APOLOGIES"]`);
    await c.check(`input[name="status_${health.id}"][value="DEPUTY"]`);
    await c.fill(`#name_${health.id}`, 'Dr A Deputy');
    await submit(c, 'button:has-text("Save register")', `${origin}/boards/${board.id}?year=2024`);
    expect(await banner(c)).toContain('Register recorded for Board meeting September');
    // May and September: police 2/2, council 1/2 (apologies; below), ICB 1/2 (a deputy counts; below); overall 4/6 = 66.7%... with the ICB's deputy: 2+1+1 = 4 of 6.
    expect(await cells(c, '#attendance-by-agency')).toEqual([
      ['Testshire County Council Below threshold', '2', '1', '1', '0', '50%'],
      ['Testshire ICB Below threshold', '2', '1', '0', '1', '50%'],
      ['Testshire Police', '2', '2', '0', '0', '100%'],
    ]);
    expect(await c.locator('#attendance-summary').innerText()).toMatch(/Meetings held\s+2\s+Quorate meetings\s+2\s+Overall attendance\s+66.7%/);
    expect(await cells(c, '#attendance-grid')).toEqual([
      ['Testshire County Council', 'Present', 'Apologies'],
      ['Testshire ICB', 'Absent', 'Deputy'],
      ['Testshire Police', 'Present', 'Present'],
    ]);
    // The flash shows once: a reload has no banner.
    await c.reload();
    expect(await c.locator('.govuk-notification-banner').count()).toBe(0);

    // The yearly report's links and the account page (checked by axe and at 320 px below).
    await c.goto(`${origin}/boards/${board.id}/report?year=2024`);
    expect(await c.locator('#report-links a').count()).toBe(4);
    await c.goto(`${origin}/account/password`);

    // ---- Coordinator starts a Section 11 cycle ----
    await c.goto(`${origin}/boards/${board.id}/cycles/new`);
    await submit(c, 'button:has-text("Start cycle")');
    expect(await errorSummary(c)).toContain('Enter a name for the cycle');
    await keep(c, 'cycle form with errors');
    await c.fill('#name', 'Section 11 audit 2024');
    await c.check('input[name="frameworkId"] >> nth=0');
    await c.fill('#opensOn', '2024-10-01');
    await c.fill('#dueOn', '2025-03-31');
    await c.check(`input[name="invited"][value="${police.id}"]`);
    await c.check(`input[name="invited"][value="${council.id}"]`);
    await submit(c, 'button:has-text("Start cycle")', /\/cycles\/[0-9a-f-]{36}$/);
    expect(await banner(c)).toContain('Audit cycle “Section 11 audit 2024” started');
    const cycleUrl = c.url();
    const cycleId = cycleUrl.split('/').pop()!;
    expect(await c.locator('#cycle-summary').innerText()).toMatch(/Invited\s+2\s+Submitted\s+0/);

    // ---- Agency lead: what we owe, save a draft, meet a second session's save, resolve it, submit ----
    const l1 = await signIn(lead.email);
    await l1.goto(`${origin}/owe`);
    expect(await l1.locator('#outstanding').innerText()).toContain('Section 11 audit 2024');
    expect(await l1.locator('#outstanding').innerText()).toContain('31 March 2025');
    await Promise.all([l1.waitForURL(`${origin}/cycles/${cycleId}/return`), l1.click('a:has-text("Section 11 audit 2024")')]);
    const codes = await l1.locator('input[type="radio"][value="MET"]').evaluateAll((inputs) => inputs.map((i) => (i as unknown as { name: string }).name.slice('rating_'.length)));
    expect(codes.length).toBeGreaterThan(2);
    for (const code of codes) await l1.check(`input[name="rating_${code}"][value="MET"]`);
    await l1.check(`input[name="rating_${codes[1]}"][value="PARTIALLY_MET"]`);
    await l1.fill(`#evidence_${codes[0]}`, 'Policy reviewed in 2024');
    await submit(l1, 'button:has-text("Save draft")', `${origin}/cycles/${cycleId}/return`);
    expect(await banner(l1)).toContain('Draft saved');

    // A second browser of the same agency saves in between.
    const l2 = await signIn(lead.email);
    await l2.goto(`${origin}/cycles/${cycleId}/return`);
    await l2.fill(`#evidence_${codes[0]}`, 'Second browser: policy reviewed and signed off');
    await submit(l2, 'button:has-text("Save draft")', `${origin}/cycles/${cycleId}/return`);
    expect(await banner(l2)).toContain('Draft saved');

    // The first browser's form is now stale: its save is refused and explained, nothing of it stored.
    await l1.fill(`#evidence_${codes[2]}`, 'Training records attached');
    await submit(l1, 'button:has-text("Save draft")');
    expect(await errorSummary(l1)).toContain('Someone else at Testshire Police saved this return after you opened it, so your answers have not been saved');
    expect(await l1.locator(`#standard-${codes[0]} .hub-conflict`).innerText()).toContain('Second browser: policy reviewed and signed off');
    expect(await l1.inputValue(`#evidence_${codes[2]}`)).toBe('Training records attached');
    await keep(l1, 'return form after a conflict');
    const [{ evidence }] = await hub.ds.query(`SELECT a.evidence FROM audit_assessment a JOIN audit_standard s ON s.id = a.standard_id JOIN audit_return r ON r.id = a.return_id WHERE r.cycle_id = $1 AND s.code = $2`, [cycleId, codes[2]]);
    expect(evidence).toBeNull();
    // Saving again keeps the first browser's answers (it has now seen the other save).
    await submit(l1, 'button:has-text("Save draft")', `${origin}/cycles/${cycleId}/return`);
    expect(await banner(l1)).toContain('Draft saved');

    // Submit: standard 2 is partially met without an improvement action, so the rule's problem is listed.
    await submit(l1, 'button:has-text("Submit return")');
    expect(await errorSummary(l1)).toContain(`Standard ${codes[1]} is PARTIALLY_MET and needs at least one improvement action`);
    await keep(l1, 'return form with the submission rule\'s problems');
    await l1.fill(`#action_${codes[1]}`, 'Refresh safer recruitment training');
    await l1.fill(`#actionDue_${codes[1]}`, '2025-06-30');
    await submit(l1, 'button:has-text("Submit return")', /\/returns\/[0-9a-f-]{36}$/);
    expect(await banner(l1)).toContain('Return submitted to the board');
    const returnUrl = l1.url();
    expect(await l1.locator('#return-status').innerText()).toContain('Submitted');

    // ---- Coordinator: returns it with a challenge, the lead resubmits, the coordinator validates ----
    await c.goto(cycleUrl);
    await Promise.all([c.waitForURL(returnUrl), c.click('a:has-text("Testshire Police")')]);
    await c.fill('#comment', 'Please add evidence of the training for standard 3');
    await submit(c, 'button:has-text("Return to agency")', returnUrl);
    expect(await banner(c)).toContain('Return sent back to the agency with your challenge');
    await l1.goto(`${origin}/cycles/${cycleId}/return`);
    expect(await l1.locator('.govuk-inset-text').first().innerText()).toContain('Please add evidence of the training for standard 3');
    await submit(l1, 'button:has-text("Submit return")', returnUrl);
    expect(await banner(l1)).toContain('Return submitted to the board');
    await c.goto(returnUrl);
    await c.selectOption(`#moderated_${codes[0]}`, 'PARTIALLY_MET');
    await submit(c, 'button:has-text("Validate return")', returnUrl);
    expect(await banner(c)).toContain('Return validated with 1 moderated rating');
    expect(await c.locator('#return-status').innerText()).toContain('Validated');
    await c.screenshot({ path: path.join(SHOTS, 'return-validated.png'), fullPage: true });
    await c.goto(cycleUrl);
    expect(await c.locator('#cycle-summary').innerText()).toMatch(/Submitted\s+1 \(50%\)\s+Validated\s+1/);

    // ---- Agency lead: submit once, share with the other board's open cycle of the same framework ----
    const [{ framework_id: frameworkId }] = await hub.ds.query(`SELECT framework_id FROM audit_cycle WHERE id = $1`, [cycleId]);
    const created = await hub.gql(
      `mutation($i: CreateAuditCycleInput!) { createAuditCycle(input: $i) { id } }`,
      { i: { boardIds: [other.id], name: 'Otherton Section 11 2024', frameworkId, opensOn: '2024-11-01', dueOn: '2025-04-30', invitedAgencyIds: [police.id] } },
      hub.tokenFor(foreign.id),
    );
    expect(created.errors).toBeUndefined();
    await l1.goto(returnUrl);
    await l1.check('input[name="targetCycleId"] >> nth=0');
    await submit(l1, 'button:has-text("Share and submit")', /\/returns\/[0-9a-f-]{36}$/);
    expect(await banner(l1)).toContain('Return shared with Otherton Section 11 2024 and submitted there');
    expect(l1.url()).not.toBe(returnUrl);
    expect(await l1.locator('#return-status').innerText()).toContain('Submitted');
    const sharedUrl = l1.url();

    // ---- Agency lead: our actions, with a progress update ----
    await l1.goto(`${origin}/actions`);
    await Promise.all([l1.waitForURL(/\/actions\/[0-9a-f-]{36}$/), l1.click('a:has-text("Refresh safer recruitment training")')]);
    await l1.fill('#note', 'Two of three sessions delivered');
    await l1.check('input[name="status"][value="IN_PROGRESS"]');
    await l1.check('input[name="rag"][value="AMBER"]');
    await submit(l1, 'button:has-text("Save progress")', /\/actions\/[0-9a-f-]{36}$/);
    expect(await banner(l1)).toContain('Progress recorded');
    expect(await l1.locator('#updates').innerText()).toContain('Two of three sessions delivered');
    expect(await l1.locator('#action-summary').innerText()).toMatch(/Status\s+In progress\s+RAG\s+Amber/);

    // ---- Viewer: the same pages, no write controls; a write URL is a 403 page ----
    const v = await signIn(viewer.email);
    await v.goto(`${origin}/boards/${board.id}?year=2024`);
    expect(await v.locator('#attendance-by-agency').count()).toBe(1);
    expect(await v.locator('a:has-text("Record register"), a:has-text("Start a Section 11 audit cycle")').count()).toBe(0);
    await v.goto(returnUrl);
    expect(await v.locator('form[method="post"]:not([action="/sign-out"])').count()).toBe(0);
    const refused = await v.goto(`${origin}/meetings/${may.id}/register`);
    expect(refused!.status()).toBe(403);

    // ---- Coordinator of another board: a foreign board's URLs are 403 pages ----
    const x = await signIn(foreign.email);
    for (const url of [`/boards/${board.id}`, cycleUrl.replace(origin, ''), returnUrl.replace(origin, ''), `/meetings/${may.id}/register`]) {
      const res = await x.goto(`${origin}${url}`);
      expect([url, res!.status()]).toEqual([url, 403]);
      expect(await x.locator('h1').innerText()).toBe('You cannot see this page');
    }
    // A board that does not exist is the API's NOT_FOUND: a 404 page.
    // The shared return belongs to the other board's cycle: its coordinator reads it.
    expect((await x.goto(sharedUrl))!.status()).toBe(200);
    expect((await x.goto(`${origin}/boards/00000000-0000-4000-8000-000000000000`))!.status()).toBe(404);

    // ---- Every page seen, with JavaScript on: axe-core and 320 px ----
    const problems: string[] = [];
    for (const [context, urls] of visited) {
      const state = await context.storageState();
      const checker = await browser.newContext({ storageState: state });
      const page = await checker.newPage();
      // Everything a page loads comes from the hub and passes its Content-Security-Policy; no script fails.
      page.on('console', (m) => {
        if (/Content Security Policy|Refused to/i.test(m.text())) problems.push(`${page.url()}: ${m.text()}`);
      });
      page.on('pageerror', (e) => problems.push(`${page.url()}: ${e.message}`));
      page.on('request', (r) => {
        if (!r.url().startsWith(origin) && !r.url().startsWith('data:')) problems.push(`${page.url()}: loaded ${r.url()}`);
      });
      for (const url of urls) {
        for (const width of [1024, 320]) {
          await page.setViewportSize({ width, height: 800 });
          await page.goto(url);
          if (width === 1024) {
            const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
            for (const violation of result.violations.filter((vi) => vi.impact === 'serious' || vi.impact === 'critical')) {
              problems.push(`${url}: ${violation.id} (${violation.impact}) ${violation.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
            }
          } else {
            const wide = await page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth as number);
            if (wide > 320) {
              // Name the widest culprits, outermost first, so a failure says what to fix.
              const culprits = await page.evaluate(() =>
                [...(globalThis as any).document.querySelectorAll('body *')]
                  .filter((e: any) => e.getBoundingClientRect().right > 321 && e.parentElement.getBoundingClientRect().right <= 321)
                  .slice(0, 5)
                  .map((e: any) => `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}.${String(e.className).split(' ').join('.')}`),
              );
              problems.push(`${url}: ${wide}px wide at 320px (${culprits.join(', ')})`);
            }
          }
        }
      }
      await checker.close();
    }
    // The forms as answered to a POST, served again from their HTML to a JavaScript-enabled page at the same origin.
    const checker = await browser.newContext();
    const page = await checker.newPage();
    for (const { name, html } of answered) {
      await page.route(`${origin}/__answered`, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: html }));
      for (const width of [1024, 320]) {
        await page.setViewportSize({ width, height: 800 });
        await page.goto(`${origin}/__answered`);
        if (width === 1024) {
          const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
          for (const violation of result.violations.filter((vi) => vi.impact === 'serious' || vi.impact === 'critical')) {
            problems.push(`${name}: ${violation.id} (${violation.impact})`);
          }
        } else if ((await page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth as number)) > 320) problems.push(`${name}: wider than 320px`);
      }
      await page.unroute(`${origin}/__answered`);
    }
    await checker.close();
    expect(answered).toHaveLength(3);
    expect(problems).toEqual([]);
  }, 240_000);
});
