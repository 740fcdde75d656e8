import { DataSource, EntityManager } from 'typeorm';
import { query, Queryable, sql } from '../../database/sql';
import { isOverdue, overdueSql } from '../../rules/actions';
import { submittedSql } from '../../rules/audit';
import { addDays, comingDueSql, dueInWords, isComingDue, returnReminder, weeklyPeriod } from '../../rules/reminders';
import { DEFAULT_DAYS, Notification, ReminderKind, ReminderSetting } from './notification.entity';

/** One message to one user, before it is recorded in the sent-log (the notification table). */
export interface Draft {
  userId: string;
  emailTo: string;
  kind: ReminderKind;
  subjectId: string;
  period: string;
  boardIds: string[];
  title: string;
  body: string;
  reason: string;
  link: string;
}

/** One line of a coordinator's digest, about one of their boards. */
export interface DigestItem {
  boardId: string;
  text: string;
  /** Path in the web app (joined to PUBLIC_URL). */
  path: string;
}

/**
 * The extension point of the coordinators' weekly digest: a section (outstanding returns, overdue
 * actions, and later clock breaches of case reviews or the yearly report) collects its items for
 * every board at once, so a digest run costs one statement per section whatever the number of
 * coordinators. A module that tracks a clock registers its section in `coordinatorDigestSections`
 * (see createReminderService) and the digest carries it with no other change.
 */
export interface CoordinatorDigestSection {
  heading: string;
  /** The count in the digest's title: "1 overdue action", "3 overdue actions". */
  counted(n: number): string;
  collect(db: Queryable, boardIds: string[], today: string): Promise<DigestItem[]>;
}

/** What a board has on: per kind, enabled and days (stored choice or default). */
type BoardSettings = Map<string, Map<ReminderKind, { enabled: boolean; days: number | null }>>;

/** At most this many lines per section of a digest; the rest is counted ("and 12 more"). */
const MAX_LINES = 20;
/** Days ahead the return and action queries look: the largest daysBefore a board may choose. */
const MAX_DAYS = 90;

const STATUS_WORDS: Record<string, string> = { NONE: 'not started', DRAFT: 'in draft', RETURNED: 'returned by the board with a challenge, waiting for your amendments' };

/**
 * Works out, for the clock's today, every reminder and digest due, and records each one in the
 * sent-log: a notification row, unique per (user, kind, subject, period). Rows already there are
 * left alone, so the same event is notified once however many runs or hub replicas there are; each
 * new row's email job is queued in the same transaction (`enqueue`), so a row is never left without
 * its email, nor an email without its row.
 */
export class ReminderService {
  constructor(
    private readonly ds: DataSource,
    private readonly publicUrl: string,
    private readonly coordinatorSections: CoordinatorDigestSection[] = defaultCoordinatorSections,
  ) {}

  /** Everything due today, not yet recorded. Returns the ids of the notifications it added. */
  async run(today: string, enqueue: (em: EntityManager, notificationIds: string[]) => Promise<void>): Promise<{ created: string[]; considered: number }> {
    const drafts = await this.collect(today);
    const created: string[] = [];
    await this.ds.transaction(async (em) => {
      for (let i = 0; i < drafts.length; i += 500) {
        const chunk = drafts.slice(i, i + 500);
        const result = await em.createQueryBuilder().insert().into(Notification).values(chunk).orIgnore().returning(['id']).execute();
        created.push(...(result.raw as { id: string }[]).map((r) => r.id));
      }
      if (created.length) await enqueue(em, created);
    });
    return { created, considered: drafts.length };
  }

  /** The drafts due today (recorded or not): return reminders, agencies' action digests, coordinators' digests. */
  async collect(today: string): Promise<Draft[]> {
    const settings = await this.boardSettings();
    return [...(await this.returnReminders(today, settings)), ...(await this.actionDigests(today, settings)), ...(await this.coordinatorDigests(today, settings))];
  }

  private url(path: string): string {
    return this.publicUrl + path;
  }

  private async boardSettings(): Promise<BoardSettings> {
    const rows = await this.ds.getRepository(ReminderSetting).find();
    const map: BoardSettings = new Map();
    for (const r of rows) {
      if (!map.has(r.boardId)) map.set(r.boardId, new Map());
      map.get(r.boardId)!.set(r.kind, { enabled: r.enabled, days: r.daysBefore });
    }
    return map;
  }

  /** A kind across several boards (a multi-board cycle, an action several boards track): on when any has it on; the most days of those. */
  private setting(settings: BoardSettings, boardIds: string[], kind: ReminderKind): { enabled: boolean; days: number | null } {
    let enabled = false;
    let days: number | null = null;
    for (const b of boardIds) {
      const s = settings.get(b)?.get(kind) ?? { enabled: true, days: DEFAULT_DAYS[kind] ?? null };
      if (!s.enabled) continue;
      enabled = true;
      const d = s.days ?? DEFAULT_DAYS[kind] ?? null;
      if (d !== null) days = Math.max(days ?? 0, d);
    }
    return { enabled, days };
  }

  /** To each active user of an invited agency whose return is outstanding: due in N days, due today, overdue (then weekly). */
  private async returnReminders(today: string, settings: BoardSettings): Promise<Draft[]> {
    const rows = await query<{
      cycle_id: string; cycle_name: string; due_on: string; board_ids: string[]; board_names: string; framework: string;
      agency_id: string; agency_name: string; return_id: string | null; status: string | null;
      user_id: string; email: string; user_name: string;
    }>(
      this.ds,
      sql`SELECT c.id AS cycle_id, c.name AS cycle_name, c.due_on::text AS due_on, c.board_ids, f.name AS framework,
          (SELECT string_agg(b.name, ', ' ORDER BY b.name) FROM board b WHERE b.id = ANY(c.board_ids)) AS board_names,
          ag.id AS agency_id, ag.name AS agency_name, r.id AS return_id, r.status::text AS status,
          u.id AS user_id, u.email, u.name AS user_name
        FROM audit_cycle c
        JOIN audit_framework f ON f.id = c.framework_id
        CROSS JOIN LATERAL unnest(c.invited_agency_ids) AS inv(agency_id)
        JOIN agency ag ON ag.id = inv.agency_id
        LEFT JOIN audit_return r ON r.cycle_id = c.id AND r.agency_id = ag.id
        JOIN app_user u ON u.agency_id = ag.id AND u.role = 'AGENCY_USER' AND u.active
        WHERE c.opens_on <= ${today}::date AND c.due_on <= ${addDays(today, MAX_DAYS)}::date
          AND (r.id IS NULL OR NOT ${submittedSql('r')})
        ORDER BY c.due_on, c.id, ag.name, u.email`,
    );
    const drafts: Draft[] = [];
    for (const r of rows) {
      const due = this.setting(settings, r.board_ids, ReminderKind.RETURN_DUE_SOON);
      const reminder = returnReminder(r.due_on, today, {
        dueSoonDays: due.enabled ? due.days : null,
        dueToday: this.setting(settings, r.board_ids, ReminderKind.RETURN_DUE_TODAY).enabled,
        overdue: this.setting(settings, r.board_ids, ReminderKind.RETURN_OVERDUE).enabled,
      });
      if (!reminder) continue;
      const what = `${r.agency_name}'s ${r.framework} return for "${r.cycle_name}"`;
      const status = STATUS_WORDS[r.status ?? 'NONE'] ?? r.status!.toLowerCase();
      const title =
        reminder.kind === 'RETURN_DUE_SOON'
          ? `Return due ${dueInWords(reminder.daysLeft)}: ${r.cycle_name}`
          : reminder.kind === 'RETURN_DUE_TODAY'
            ? `Return due today: ${r.cycle_name}`
            : `Return overdue: ${r.cycle_name}`;
      const when =
        reminder.kind === 'RETURN_OVERDUE'
          ? `was due on ${r.due_on} (${dueInWords(reminder.daysLeft)}) and has not been submitted yet.`
          : `is due on ${r.due_on} (${dueInWords(reminder.daysLeft)}).`;
      const repeat = reminder.kind === 'RETURN_OVERDUE' ? ' You will be reminded every week until it is submitted.' : '';
      drafts.push({
        userId: r.user_id,
        emailTo: r.email,
        kind: reminder.kind as ReminderKind,
        subjectId: r.cycle_id,
        period: reminder.period,
        boardIds: r.board_ids,
        title,
        body: `Hello ${r.user_name},\n\n${what} ${when} It is ${status}.${repeat}`,
        reason: `You are a user of ${r.agency_name}, which ${r.board_names} invited to the audit cycle "${r.cycle_name}", and the board reminds agencies whose return is ${reminder.kind === 'RETURN_OVERDUE' ? 'overdue (weekly)' : reminder.kind === 'RETURN_DUE_TODAY' ? 'due today' : 'coming due'} (its coordinators choose which reminders it sends).`,
        link: this.url(r.return_id ? `/returns/${r.return_id}` : `/cycles/${r.cycle_id}`),
      });
    }
    return drafts;
  }

  /** Weekly, to each active user of an agency (digests on): its overdue actions and those coming due. */
  private async actionDigests(today: string, settings: BoardSettings): Promise<Draft[]> {
    const actions = await query<{ id: string; description: string; due_on: string; status: string; board_ids: string[]; source_label: string; owner_agency_id: string }>(
      this.ds,
      sql`SELECT a.id, a.description, a.due_on::text AS due_on, a.status::text AS status, a.board_ids, a.source_label, a.owner_agency_id
        FROM action a
        WHERE (${overdueSql('a', today)} OR ${comingDueSql('a', today, MAX_DAYS)})
        ORDER BY a.due_on, a.description, a.id`,
    );
    const byAgency = new Map<string, { overdue: typeof actions; comingDue: typeof actions; boards: Set<string> }>();
    for (const a of actions) {
      const s = this.setting(settings, a.board_ids, ReminderKind.AGENCY_ACTION_DIGEST);
      if (!s.enabled) continue;
      const action = { status: a.status, dueOn: a.due_on };
      const overdue = isOverdue(action, today);
      if (!overdue && !isComingDue(action, today, s.days ?? DEFAULT_DAYS.AGENCY_ACTION_DIGEST!)) continue;
      const entry = byAgency.get(a.owner_agency_id) ?? { overdue: [], comingDue: [], boards: new Set<string>() };
      (overdue ? entry.overdue : entry.comingDue).push(a);
      a.board_ids.forEach((b) => entry.boards.add(b));
      byAgency.set(a.owner_agency_id, entry);
    }
    if (!byAgency.size) return [];
    const users = await query<{ user_id: string; email: string; user_name: string; agency_id: string; agency_name: string }>(
      this.ds,
      sql`SELECT u.id AS user_id, u.email, u.name AS user_name, ag.id AS agency_id, ag.name AS agency_name
        FROM app_user u JOIN agency ag ON ag.id = u.agency_id
        LEFT JOIN notification_preference p ON p.user_id = u.id
        WHERE u.role = 'AGENCY_USER' AND u.active AND coalesce(p.digests, true) AND u.agency_id = ANY(${[...byAgency.keys()]}::uuid[])
        ORDER BY u.email`,
    );
    const period = weeklyPeriod(today);
    return users.map((u) => {
      const e = byAgency.get(u.agency_id)!;
      const line = (a: (typeof actions)[number]) => `- ${a.description} (${a.source_label}): due ${a.due_on}, ${a.status.replace('_', ' ').toLowerCase()}`;
      const sections = [
        e.overdue.length ? `Overdue (${e.overdue.length}):\n${capped(e.overdue.map(line))}` : null,
        e.comingDue.length ? `Coming due (${e.comingDue.length}):\n${capped(e.comingDue.map(line))}` : null,
      ].filter(Boolean);
      return {
        userId: u.user_id,
        emailTo: u.email,
        kind: ReminderKind.AGENCY_ACTION_DIGEST,
        subjectId: u.agency_id,
        period,
        boardIds: [...e.boards].sort(),
        title: `Actions for ${u.agency_name}: ${e.overdue.length} overdue, ${e.comingDue.length} coming due`,
        body: `Hello ${u.user_name},\n\nThe actions ${u.agency_name} owns that need attention this week, as of ${today}:\n\n${sections.join('\n\n')}\n\nUpdate each one's status and progress in the hub.`,
        reason: `You are a user of ${u.agency_name}, which owns these actions. This digest comes weekly while any of its actions is overdue or coming due; you can turn digests off in your notification preferences.`,
        link: this.url('/actions'),
      };
    });
  }

  /** Weekly, to each active coordinator (digests on) of boards with the digest on: every section's items for their boards. */
  private async coordinatorDigests(today: string, settings: BoardSettings): Promise<Draft[]> {
    const coordinators = await query<{ user_id: string; email: string; user_name: string; boards: { id: string; name: string }[] }>(
      this.ds,
      sql`SELECT u.id AS user_id, u.email, u.name AS user_name,
          json_agg(json_build_object('id', b.id, 'name', b.name) ORDER BY b.name, b.id) AS boards
        FROM app_user u
        JOIN user_board ub ON ub.user_id = u.id
        JOIN board b ON b.id = ub.board_id
        LEFT JOIN notification_preference p ON p.user_id = u.id
        WHERE u.role = 'COORDINATOR' AND u.active AND coalesce(p.digests, true)
        GROUP BY u.id ORDER BY u.email`,
    );
    const boardIds = [...new Set(coordinators.flatMap((c) => c.boards.map((b) => b.id)))].filter(
      (b) => this.setting(settings, [b], ReminderKind.COORDINATOR_DIGEST).enabled,
    );
    if (!boardIds.length) return [];
    const sections = await Promise.all(this.coordinatorSections.map(async (s) => ({ heading: s.heading, counted: (n: number) => s.counted(n), items: await s.collect(this.ds, boardIds, today) })));
    const period = weeklyPeriod(today);
    const wanted = new Set(boardIds);
    const drafts: Draft[] = [];
    for (const c of coordinators) {
      const boards = c.boards.filter((b) => wanted.has(b.id));
      const parts: string[] = [];
      const counts: string[] = [];
      const withItems: string[] = [];
      for (const s of sections) {
        let n = 0;
        const blocks: string[] = [];
        for (const b of boards) {
          const items = s.items.filter((i) => i.boardId === b.id);
          if (!items.length) continue;
          n += items.length;
          if (!withItems.includes(b.id)) withItems.push(b.id);
          blocks.push(`${b.name} (${this.url(`/boards/${b.id}`)}):\n${capped(items.map((i) => `- ${i.text} ${this.url(i.path)}`))}`);
        }
        if (!n) continue;
        counts.push(s.counted(n));
        parts.push(`${s.heading} (${n}):\n${blocks.join('\n')}`);
      }
      // Nothing to report: no empty digest.
      if (!parts.length) continue;
      const first = boards.find((b) => withItems.includes(b.id))!;
      drafts.push({
        userId: c.user_id,
        emailTo: c.email,
        kind: ReminderKind.COORDINATOR_DIGEST,
        subjectId: c.user_id,
        period,
        boardIds: boards.filter((b) => withItems.includes(b.id)).map((b) => b.id),
        title: `Weekly digest for your boards: ${counts.join(', ')}`,
        body: `Hello ${c.user_name},\n\nWhat needs chasing on your boards, as of ${today}:\n\n${parts.join('\n\n')}`,
        reason: `You coordinate ${boards.map((b) => b.name).join(', ')}, which ${boards.length === 1 ? 'has' : 'have'} the coordinators' weekly digest on. You can turn digests off in your notification preferences.`,
        link: this.url(`/boards/${first.id}`),
      });
    }
    return drafts;
  }
}

function capped(lines: string[]): string {
  if (lines.length <= MAX_LINES) return lines.join('\n');
  return [...lines.slice(0, MAX_LINES), `- and ${lines.length - MAX_LINES} more`].join('\n');
}

/** Outstanding returns of the boards' opened cycles, one item per board of the cycle. */
export const outstandingReturnsSection: CoordinatorDigestSection = {
  heading: 'Outstanding returns',
  counted: (n) => `${n} outstanding return${n === 1 ? '' : 's'}`,
  async collect(db, boardIds, today) {
    const rows = await query<{ board_id: string; cycle_id: string; cycle_name: string; due_on: string; agency_name: string; return_id: string | null; status: string | null }>(
      db,
      sql`SELECT bid AS board_id, c.id AS cycle_id, c.name AS cycle_name, c.due_on::text AS due_on, ag.name AS agency_name, r.id AS return_id, r.status::text AS status
        FROM audit_cycle c
        CROSS JOIN LATERAL unnest(c.board_ids) AS cb(bid)
        CROSS JOIN LATERAL unnest(c.invited_agency_ids) AS inv(agency_id)
        JOIN agency ag ON ag.id = inv.agency_id
        LEFT JOIN audit_return r ON r.cycle_id = c.id AND r.agency_id = ag.id
        WHERE bid = ANY(${boardIds}::uuid[]) AND c.opens_on <= ${today}::date AND (r.id IS NULL OR NOT ${submittedSql('r')})
        ORDER BY c.due_on, c.name, ag.name`,
    );
    return rows.map((r) => {
      const late = r.due_on < today;
      return {
        boardId: r.board_id,
        text: `${r.agency_name}, "${r.cycle_name}": ${STATUS_WORDS[r.status ?? 'NONE'] ?? r.status!.toLowerCase()}, ${late ? 'overdue since' : 'due'} ${r.due_on}.`,
        path: r.return_id ? `/returns/${r.return_id}` : `/cycles/${r.cycle_id}`,
      };
    });
  },
};

/** Overdue actions the boards track. */
export const overdueActionsSection: CoordinatorDigestSection = {
  heading: 'Overdue actions',
  counted: (n) => `${n} overdue action${n === 1 ? '' : 's'}`,
  async collect(db, boardIds, today) {
    const rows = await query<{ board_id: string; description: string; due_on: string; agency_name: string; source_label: string }>(
      db,
      sql`SELECT bid AS board_id, a.description, a.due_on::text AS due_on, ag.name AS agency_name, a.source_label
        FROM action a
        CROSS JOIN LATERAL unnest(a.board_ids) AS ab(bid)
        JOIN agency ag ON ag.id = a.owner_agency_id
        WHERE bid = ANY(${boardIds}::uuid[]) AND ${overdueSql('a', today)}
        ORDER BY a.due_on, ag.name, a.description`,
    );
    return rows.map((r) => ({ boardId: r.board_id, text: `${r.agency_name}: ${r.description} (${r.source_label}), due ${r.due_on}.`, path: '/actions' }));
  },
};

/**
 * The coordinators' digest sections today. Clock breaches of case reviews and of the yearly report
 * (issues 14 and 16) and drifting actions (issue 13) join here as further sections when those land.
 */
export const defaultCoordinatorSections: CoordinatorDigestSection[] = [outstandingReturnsSection, overdueActionsSection];
