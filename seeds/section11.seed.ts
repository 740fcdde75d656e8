import { EntityManager } from 'typeorm';
import { Action, ActionSourceType, ActionStatus, ActionUpdate, Rag } from '../src/modules/action/action.entity';
import { AuditCycle } from '../src/modules/audit/audit-cycle.entity';
import { AuditFramework, AuditStandard } from '../src/modules/audit/audit-framework.entity';
import { AuditAssessment, AuditRating, AuditReturn, AuditReturnStatus, AuditReturnVersion, AuditVersionKind } from '../src/modules/audit/audit-return.entity';
import { AuditReturnQueries } from '../src/modules/audit/audit-return.queries';
import { PartnershipDemo } from './partnership.seed';

const R: Record<string, AuditRating> = { M: AuditRating.MET, P: AuditRating.PARTIALLY_MET, N: AuditRating.NOT_MET, X: AuditRating.NOT_APPLICABLE };

interface Answer {
  agency: string;
  /** One letter per standard: M, P, N, X (not applicable), - (not yet rated). */
  ratings: string;
  status: AuditReturnStatus | 'NOT_STARTED';
  submittedOn?: string;
  moderated?: Record<string, AuditRating>;
  challenge?: string;
  actionStatus?: ActionStatus;
}

const IMPROVEMENTS: Record<string, string> = {
  '1': 'Report safeguarding performance to the governing body quarterly',
  '2': 'Publish the safeguarding responsibilities statement on the staff intranet and to service users',
  '3': 'Appoint a named safeguarding lead with protected time',
  '4': 'Run a consultation with children and families on service changes and report back',
  '5': 'Raise safeguarding training take-up to 90% of front-line staff',
  '6': 'Audit recruitment files for DBS checks and refresh allegations training for managers',
  '7': 'Attend all initial child protection conferences or send a written report',
  '8': 'Issue information-sharing guidance and a flowchart to every team',
};

/**
 * Leicestershire and Rutland's audits, shaped after its 2013/14 annual report: Section 11 returns
 * sustained or improved in all but one agency, eight organisations fully compliant in the adults' audit,
 * and an open 2014/15 cycle with returns in every state.
 */
export async function seedSection11(em: EntityManager, demo: PartnershipDemo): Promise<void> {
  const board = demo.boards.llr;
  const frameworks = await em.getRepository(AuditFramework).find();
  const children = frameworks.find((f) => f.key === 'SECTION_11_CHILDREN')!;
  const adults = frameworks.find((f) => f.key === 'SAFEGUARDING_ADULTS_COMPLIANCE')!;
  const queries = new AuditReturnQueries(em.connection);

  const run = async (framework: AuditFramework, name: string, opensOn: string, dueOn: string, answers: Answer[]) => {
    const standards = await em.getRepository(AuditStandard).find({ where: { frameworkId: framework.id }, order: { position: 'ASC' } });
    const cycle = await em.save(
      em.create(AuditCycle, {
        frameworkId: framework.id,
        name,
        boardIds: [board.id],
        invitedAgencyIds: answers.map((a) => demo.agencies[a.agency].id),
        opensOn,
        dueOn,
      }),
    );
    for (const answer of answers) {
      if (answer.status === 'NOT_STARTED') continue;
      const agency = demo.agencies[answer.agency];
      const submitted = answer.status !== AuditReturnStatus.DRAFT;
      const ret = await em.save(
        em.create(AuditReturn, {
          cycleId: cycle.id,
          agencyId: agency.id,
          status: AuditReturnStatus.SUBMITTED,
          revision: 1,
          firstSubmittedOn: submitted ? answer.submittedOn! : null,
          submittedAt: submitted ? new Date(`${answer.submittedOn}T12:00:00Z`) : null,
        }),
      );
      for (const [i, s] of standards.entries()) {
        const letter = answer.ratings[i];
        const rating = letter && letter !== '-' ? R[letter] : null;
        const assessment = await em.save(
          em.create(AuditAssessment, {
            returnId: ret.id,
            standardId: s.id,
            selfRating: rating,
            moderatedRating: null,
            evidence: rating ? `${agency.name}: ${rating === AuditRating.MET ? 'policy, training records and audit evidence held' : 'partly in place; gaps identified in self-assessment'} (${s.title.toLowerCase()})` : null,
            sharedFromAssessmentId: null,
          }),
        );
        if (rating === AuditRating.PARTIALLY_MET || rating === AuditRating.NOT_MET) {
          const status = answer.actionStatus ?? ActionStatus.NOT_STARTED;
          const action = await em.save(
            em.create(Action, {
              description: IMPROVEMENTS[s.code],
              ownerAgencyId: agency.id,
              dueOn: addMonths(dueOn, 9),
              status,
              rag: status === ActionStatus.COMPLETE ? Rag.GREEN : status === ActionStatus.IN_PROGRESS ? Rag.AMBER : null,
              sourceType: ActionSourceType.AUDIT_STANDARD,
              sourceId: assessment.id,
              sourceLabel: `${name}: ${agency.name}, standard ${s.code}`,
              boardIds: [board.id],
              closedOn: status === ActionStatus.COMPLETE ? addMonths(dueOn, 8) : null,
            }),
          );
          if (status !== ActionStatus.NOT_STARTED) {
            await em.insert(ActionUpdate, {
              actionId: action.id,
              notedOn: addMonths(dueOn, status === ActionStatus.COMPLETE ? 8 : 4),
              note: status === ActionStatus.COMPLETE ? 'Completed and evidenced to the Safeguarding Effectiveness Group' : 'Under way; reported to the Safeguarding Effectiveness Group',
              fromStatus: ActionStatus.NOT_STARTED,
              toStatus: status,
              fromRag: null,
              toRag: action.rag,
              byUserId: null,
              byName: `Safeguarding lead, ${agency.name}`,
            });
          }
        }
      }
      if (!submitted) {
        ret.status = AuditReturnStatus.DRAFT;
        await em.save(ret);
        continue;
      }
      let number = 0;
      const version = async (kind: AuditVersionKind, on: string, comment: string | null) =>
        em.insert(AuditReturnVersion, {
          returnId: ret.id,
          number: ++number,
          kind,
          recordedOn: on,
          byUserId: null,
          byName: kind === AuditVersionKind.SUBMITTED ? `Safeguarding lead, ${agency.name}` : 'LLR Board Business Manager',
          comment,
          snapshot: await queries.snapshot(em, ret, cycle),
        });
      await version(AuditVersionKind.SUBMITTED, answer.submittedOn!, null);
      if (answer.status === AuditReturnStatus.RETURNED) {
        ret.status = AuditReturnStatus.RETURNED;
        ret.challengeComment = answer.challenge!;
        ret.revision = 3;
        await em.save(ret);
        await version(AuditVersionKind.RETURNED, addMonths(answer.submittedOn!, 1), answer.challenge!);
      } else if (answer.status === AuditReturnStatus.VALIDATED) {
        for (const [code, rating] of Object.entries(answer.moderated ?? {})) {
          await em.update(AuditAssessment, { returnId: ret.id, standardId: standards.find((s) => s.code === code)!.id }, { moderatedRating: rating });
        }
        ret.status = AuditReturnStatus.VALIDATED;
        ret.validatedAt = new Date(`${addMonths(answer.submittedOn!, 2)}T12:00:00Z`);
        ret.revision = 3;
        await em.save(ret);
        await version(AuditVersionKind.VALIDATED, addMonths(answer.submittedOn!, 2), 'Validated at the Section 11 challenge panel');
      }
    }
  };

  const V = AuditReturnStatus.VALIDATED;
  const done = (agency: string, ratings: string, submittedOn: string, o: Partial<Answer> = {}): Answer => ({
    agency,
    ratings,
    status: V,
    submittedOn,
    actionStatus: ActionStatus.COMPLETE,
    ...o,
  });
  await run(children, 'Section 11 audit 2012/13', '2012-09-03', '2012-11-30', [
    done('leicsChildren', 'MMMMMMPM', '2012-11-20'),
    done('rutland', 'MMMPMMMM', '2012-11-28'),
    done('leicsPolice', 'MMMMPMMM', '2012-11-15'),
    done('wlCcg', 'MMPMMMMM', '2012-11-29'),
    done('elrCcg', 'MMPMPMMM', '2012-11-29'),
    done('uhl', 'MMMMPPMM', '2012-11-30'),
    done('lpt', 'MMMMMPMM', '2012-11-26'),
    done('leicsYos', 'MMMPMMMM', '2012-11-22'),
    done('cafcass', 'MMMMMMMM', '2012-11-12'),
    done('leicsFire', 'MPMPMMMX', '2012-12-07'),
    done('loughCollege', 'MMMPPMMM', '2012-11-30'),
    done('leicsSchools', 'MMPPMNMM', '2012-12-14'),
  ]);
  // Sustained or improved in all but one agency (the fire service declined).
  await run(children, 'Section 11 audit 2013/14', '2013-09-02', '2013-11-29', [
    done('leicsChildren', 'MMMMMMMM', '2013-11-18'),
    done('rutland', 'MMMPMMMM', '2013-11-27'),
    done('leicsPolice', 'MMMMMMMM', '2013-11-14'),
    done('wlCcg', 'MMMMMMMM', '2013-11-25'),
    done('elrCcg', 'MMPMMMMM', '2013-11-29'),
    done('uhl', 'MMMMPMMM', '2013-11-28', { moderated: { '5': AuditRating.PARTIALLY_MET } }),
    done('lpt', 'MMMMMPMM', '2013-11-21', { actionStatus: ActionStatus.IN_PROGRESS }),
    done('leicsYos', 'MMMMMMMM', '2013-11-20'),
    done('cafcass', 'MMMMMMMM', '2013-11-11'),
    done('leicsFire', 'MPMPPMMX', '2013-11-29', { actionStatus: ActionStatus.IN_PROGRESS }),
    done('loughCollege', 'MMMPMMMM', '2013-11-26'),
    done('leicsSchools', 'MMPMMPMM', '2013-12-06', { actionStatus: ActionStatus.IN_PROGRESS }),
  ]);
  // Eight organisations self-assessed as fully compliant; the others set actions.
  await run(adults, 'Safeguarding adults compliance audit 2013/14', '2013-10-01', '2014-01-31', [
    done('leicsAdults', 'MMMMMMMM', '2014-01-20'),
    done('rutland', 'MMMMMMMM', '2014-01-29'),
    done('leicsPolice', 'MMMMMMMM', '2014-01-17'),
    done('wlCcg', 'MMMMMMMM', '2014-01-24'),
    done('elrCcg', 'MMMMMMMM', '2014-01-24'),
    done('nps', 'MMMMMMMM', '2014-01-30'),
    done('leicsFire', 'MMMMMMMM', '2014-01-31'),
    done('glenParva', 'MMMMMMMM', '2014-01-28'),
    done('uhl', 'MMPMMMMM', '2014-01-31', { actionStatus: ActionStatus.IN_PROGRESS }),
    done('lpt', 'MMPPMMMM', '2014-01-30', { actionStatus: ActionStatus.IN_PROGRESS }),
    done('vals', 'MMMPPMNM', '2014-02-10', { actionStatus: ActionStatus.NOT_STARTED }),
  ]);
  const S = AuditReturnStatus;
  await run(children, 'Section 11 audit 2014/15', '2014-10-01', '2015-01-30', [
    { agency: 'leicsChildren', ratings: 'MMMMMMMM', status: S.VALIDATED, submittedOn: '2015-01-12' },
    { agency: 'rutland', ratings: 'MMMMMMMM', status: S.SUBMITTED, submittedOn: '2015-01-28' },
    { agency: 'wlCcg', ratings: 'MMMMMMMM', status: S.RETURNED, submittedOn: '2015-01-20', challenge: 'Standard 5: please evidence training take-up for GPs, not only CCG staff' },
    { agency: 'uhl', ratings: 'MMMMPMMM', status: S.SUBMITTED, submittedOn: '2015-02-09' },
    { agency: 'leicsPolice', ratings: 'MMMMM---', status: S.DRAFT },
    { agency: 'elrCcg', ratings: '', status: 'NOT_STARTED' },
    { agency: 'lpt', ratings: '', status: 'NOT_STARTED' },
    { agency: 'leicsYos', ratings: '', status: 'NOT_STARTED' },
    { agency: 'cafcass', ratings: '', status: 'NOT_STARTED' },
  ]);
}

function addMonths(date: string, months: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d.toISOString().slice(0, 10);
}
