import { Request, Response, Router } from 'express';
import type {
  AuditCyclePageQuery,
  AuditReturnPageQuery,
  CreateAuditCycleMutation,
  NewCycleFormQuery,
  ReturnAuditReturnMutation,
  ReturnFormQuery,
  SaveAuditReturnMutation,
  ShareAuditReturnMutation,
  SubmitAuditReturnMutation,
  ValidateAuditReturnMutation,
  WhatWeOweQuery,
} from '../generated/graphql';
import { ErrorItem, errorItems, field, PageError, Web } from '../kit';
import { OperationError } from '../graphql';
import { words } from '../render';

const RATINGS = ['MET', 'PARTIALLY_MET', 'NOT_MET', 'NOT_APPLICABLE'] as const;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const fieldsOf = (req: Request, name: string): string[] => {
  const v = (req.body as Record<string, unknown>)?.[name];
  return Array.isArray(v) ? v.map(String) : typeof v === 'string' ? [v] : [];
};

/** Section 11: the coordinator runs cycles and challenges or validates returns; the agency lead fills in, submits and shares. */
export function auditRoutes(web: Web): Router {
  const r = Router();

  // ---- Coordinator: start a cycle ------------------------------------------------------------
  async function newCycleForm(req: Request, res: Response, values: Record<string, unknown>, errors: ErrorItem[] = [], status = 200) {
    const data = await web.query<NewCycleFormQuery>(req, 'NewCycleForm', { boardId: req.params.boardId, asOf: web.today() });
    if (!data.me.canManageBoardIds.includes(data.board.id)) throw new PageError(403, 'Only the board’s coordinators start audit cycles');
    // The frameworks for the board's audience (a joint board may run either); the API refuses a mismatch anyway.
    const audience = ({ LSCB: 'CHILDREN', CHILDREN: 'CHILDREN', SAFEGUARDING_CHILDREN_PARTNERSHIP: 'CHILDREN', SAB: 'ADULTS', ADULTS: 'ADULTS' } as Record<string, string>)[data.board.kind];
    const frameworks = data.auditFrameworks.filter((f) => !audience || f.audience === audience);
    await web.render(req, res, 'cycle-new', { title: 'Start a Section 11 audit cycle', section: 'boards', board: data.board, frameworks: frameworks.length ? frameworks : data.auditFrameworks, values, errors, back: { href: `/boards/${data.board.id}` } }, status);
  }

  r.get('/boards/:boardId/cycles/new', async (req, res) => {
    await web.me(req);
    await newCycleForm(req, res, { invited: [] });
  });

  r.post('/boards/:boardId/cycles/new', async (req, res) => {
    await web.me(req);
    const values = { name: field(req, 'name'), frameworkId: field(req, 'frameworkId'), opensOn: field(req, 'opensOn'), dueOn: field(req, 'dueOn'), invited: fieldsOf(req, 'invited') };
    const errors: ErrorItem[] = [];
    if (!values.name) errors.push({ text: 'Enter a name for the cycle', href: '#name' });
    if (!values.frameworkId) errors.push({ text: 'Choose the framework', href: '#frameworkId' });
    if (!DATE.test(values.opensOn)) errors.push({ text: 'Enter the opening date as YYYY-MM-DD, for example 2025-04-01', href: '#opensOn' });
    if (!DATE.test(values.dueOn)) errors.push({ text: 'Enter the due date as YYYY-MM-DD, for example 2025-06-30', href: '#dueOn' });
    if (!values.invited.length) errors.push({ text: 'Choose at least one agency to invite', href: '#invited' });
    if (!errors.length) {
      const result = await web.mutate<CreateAuditCycleMutation>(req, 'CreateAuditCycle', {
        input: { boardIds: [req.params.boardId], name: values.name, frameworkId: values.frameworkId, opensOn: values.opensOn, dueOn: values.dueOn, invitedAgencyIds: values.invited },
      });
      if (!result.errors.length && result.data) return web.redirectWithFlash(req, res, `/cycles/${result.data.createAuditCycle.id}`, `Audit cycle “${values.name}” started`);
      errors.push(...errorItems(result.errors, (f) => ({ name: 'name', opensOn: 'opensOn', dueOn: 'dueOn', frameworkId: 'frameworkId', invitedAgencyIds: 'invited' })[f.split('.')[0]]));
    }
    await newCycleForm(req, res, values, errors, 400);
  });

  // ---- A cycle and its returns ---------------------------------------------------------------
  r.get('/cycles/:cycleId', async (req, res) => {
    const me = await web.me(req);
    const data = await web.query<AuditCyclePageQuery>(req, 'AuditCyclePage', { id: req.params.cycleId, asOf: web.today() });
    const cycle = data.auditCycle;
    const rows = cycle.invitedAgencies.map((a) => ({ agency: a, ret: cycle.returns.find((x) => x.agencyId === a.id) ?? null }));
    await web.render(req, res, 'cycle', { title: cycle.name, section: 'boards', cycle, rows, me, back: cycle.boards[0] ? { href: `/boards/${cycle.boards[0].id}` } : { href: '/' } });
  });

  async function returnPage(req: Request, res: Response, extra: Record<string, unknown> = {}, status = 200) {
    const me = await web.me(req);
    const data = await web.query<AuditReturnPageQuery>(req, 'AuditReturnPage', { id: req.params.returnId });
    const ret = data.auditReturn;
    const canManage = ret.cycle.boardIds.some((b) => data.me.canManageBoardIds.includes(b));
    const ownAgency = data.me.role === 'AGENCY_USER' && data.me.agencyId === ret.agency.id;
    // Open cycles of the same framework version the agency still owes: where a submitted return can be shared.
    let shareTargets: { cycleId: string; name: string; boards: string; dueOn: string }[] = [];
    if (ownAgency && (ret.status === 'SUBMITTED' || ret.status === 'VALIDATED')) {
      const owe = await web.query<WhatWeOweQuery>(req, 'WhatWeOwe', { asOf: web.today() });
      shareTargets = (owe.me.agency?.outstandingAuditReturns ?? [])
        .filter((o) => o.cycle.frameworkId === ret.cycle.frameworkId && o.cycleId !== ret.cycle.id && !o.returnId && o.cycle.opensOn <= web.today())
        .map((o) => ({ cycleId: o.cycleId, name: o.cycle.name, boards: o.cycle.boards.map((b) => b.name).join(', '), dueOn: o.dueOn }));
    }
    await web.render(req, res, 'return', { title: `${ret.agency.name}: ${ret.cycle.name}`, section: ownAgency ? 'owe' : 'boards', ret, me, canManage, ownAgency, shareTargets, ratings: RATINGS, back: ownAgency ? { href: '/owe', text: 'What we owe' } : { href: `/cycles/${ret.cycle.id}` }, ...extra }, status);
  }

  r.get('/returns/:returnId', async (req, res) => returnPage(req, res));

  r.post('/returns/:returnId/return', async (req, res) => {
    await web.me(req);
    const comment = field(req, 'comment');
    if (!comment) return returnPage(req, res, { errors: [{ text: 'Enter the challenge comment the agency will see', href: '#comment' }] }, 400);
    const result = await web.mutate<ReturnAuditReturnMutation>(req, 'ReturnAuditReturn', { input: { returnId: req.params.returnId, comment } });
    if (!result.errors.length) return web.redirectWithFlash(req, res, `/returns/${req.params.returnId}`, 'Return sent back to the agency with your challenge');
    return returnPage(req, res, { errors: errorItems(result.errors, () => 'comment'), values: { comment } }, 400);
  });

  r.post('/returns/:returnId/validate', async (req, res) => {
    await web.me(req);
    const moderatedRatings = Object.entries(req.body as Record<string, unknown>)
      .filter(([k, v]) => k.startsWith('moderated_') && typeof v === 'string' && (RATINGS as readonly string[]).includes(v))
      .map(([k, v]) => ({ standardCode: k.slice('moderated_'.length), rating: v as string }));
    const comment = field(req, 'validateComment');
    const result = await web.mutate<ValidateAuditReturnMutation>(req, 'ValidateAuditReturn', { input: { returnId: req.params.returnId, comment: comment || null, moderatedRatings } });
    if (!result.errors.length) return web.redirectWithFlash(req, res, `/returns/${req.params.returnId}`, moderatedRatings.length ? `Return validated with ${moderatedRatings.length} moderated rating${moderatedRatings.length === 1 ? '' : 's'}` : 'Return validated');
    return returnPage(req, res, { errors: errorItems(result.errors) }, 400);
  });

  r.post('/returns/:returnId/share', async (req, res) => {
    await web.me(req);
    const targetCycleId = field(req, 'targetCycleId');
    if (!targetCycleId) return returnPage(req, res, { errors: [{ text: 'Choose the cycle to share this return with', href: '#targetCycleId' }] }, 400);
    const result = await web.mutate<ShareAuditReturnMutation>(req, 'ShareAuditReturn', { input: { sourceReturnId: req.params.returnId, targetCycleId } });
    if (!result.errors.length && result.data) {
      return web.redirectWithFlash(req, res, `/returns/${result.data.shareAuditReturn.id}`, `Return shared with ${result.data.shareAuditReturn.cycle.name} and submitted there`);
    }
    return returnPage(req, res, { errors: errorItems(result.errors, () => 'targetCycleId') }, 400);
  });

  // ---- Agency lead: the return form ----------------------------------------------------------
  type FormValues = Record<string, { rating: string; evidence: string; actionDescription: string; actionDueOn: string }>;

  async function returnForm(req: Request, res: Response, o: { values?: FormValues; errors?: ErrorItem[]; conflict?: { revision: number } ; status?: number } = {}) {
    const data = await web.query<ReturnFormQuery>(req, 'ReturnForm', { cycleId: req.params.cycleId });
    if (data.me.role !== 'AGENCY_USER' || !data.me.agency) throw new PageError(403, 'Only the agency’s own users fill in its return');
    const cycle = data.auditCycle;
    const ret = data.me.agency.auditReturns.find((x) => x.cycleId === cycle.id) ?? null;
    if (ret && !['DRAFT', 'RETURNED'].includes(ret.status)) {
      res.redirect(303, `/returns/${ret.id}`);
      return;
    }
    const saved = (code: string) => ret?.assessments.find((a) => a.standard.code === code);
    const values: FormValues =
      o.values ?? Object.fromEntries(cycle.framework.standards.map((s) => [s.code, { rating: saved(s.code)?.selfRating ?? '', evidence: saved(s.code)?.evidence ?? '', actionDescription: '', actionDueOn: '' }]));
    const standards = cycle.framework.standards.map((s) => ({ ...s, saved: saved(s.code) ?? null, value: values[s.code] }));
    const tasks = standards.map((s) => ({
      title: { text: `${s.code} ${s.title}` },
      href: `#standard-${s.code}`,
      status: s.saved?.selfRating ? { tag: { text: words(s.saved.selfRating), classes: tagFor(s.saved.selfRating) } } : { tag: { text: 'Not rated', classes: 'govuk-tag--grey' } },
    }));
    // After a conflict the form is based on the revision now stored, so saving again keeps these answers over the other save.
    const revision = o.conflict?.revision ?? ret?.revision ?? null;
    await web.render(req, res, 'return-form', { title: `Section 11 return: ${cycle.name}`, section: 'owe', cycle, ret, agency: data.me.agency, standards, tasks, revision, conflict: o.conflict, errors: o.errors, back: { href: '/owe', text: 'What we owe' } }, o.status ?? 200);
  }

  r.get('/cycles/:cycleId/return', async (req, res) => {
    await web.me(req);
    await returnForm(req, res);
  });

  r.post('/cycles/:cycleId/return', async (req, res) => {
    const me = await web.me(req);
    if (me.role !== 'AGENCY_USER' || !me.agency) throw new PageError(403, 'Only the agency’s own users fill in its return');
    const form = await web.query<ReturnFormQuery>(req, 'ReturnForm', { cycleId: req.params.cycleId });
    const standards = form.auditCycle.framework.standards;
    const values: FormValues = {};
    const errors: ErrorItem[] = [];
    const assessments = standards.map((s) => {
      const v = { rating: field(req, `rating_${s.code}`), evidence: field(req, `evidence_${s.code}`), actionDescription: field(req, `action_${s.code}`), actionDueOn: field(req, `actionDue_${s.code}`) };
      values[s.code] = v;
      const actions = [];
      if (v.actionDescription || v.actionDueOn) {
        if (!v.actionDescription) errors.push({ text: `Standard ${s.code}: describe the improvement action`, href: `#action_${s.code}` });
        else if (!DATE.test(v.actionDueOn)) errors.push({ text: `Standard ${s.code}: enter the action’s due date as YYYY-MM-DD`, href: `#actionDue_${s.code}` });
        else actions.push({ description: v.actionDescription, dueOn: v.actionDueOn });
      }
      return { standardCode: s.code, ...((RATINGS as readonly string[]).includes(v.rating) ? { rating: v.rating } : {}), evidence: v.evidence || null, actions };
    });
    if (errors.length) return returnForm(req, res, { values, errors, status: 400 });
    const revisionText = field(req, 'basedOnRevision');
    const basedOnRevision = revisionText ? Number(revisionText) : null;
    const saved = await web.mutate<SaveAuditReturnMutation>(req, 'SaveAuditReturn', { input: { cycleId: req.params.cycleId, agencyId: me.agency.id, basedOnRevision, assessments } });
    const conflict = saved.errors.find((e) => e.code === 'CONFLICT' && typeof e.extensions.currentRevision === 'number');
    if (conflict) {
      const current = conflict.extensions.currentRevision as number;
      return returnForm(req, res, {
        values,
        conflict: { revision: current },
        errors: [{ text: `Someone else at ${me.agency.name} saved this return after you opened it, so your answers have not been saved. What they saved is shown under each question as “Saved by someone else”. Check your answers below, then save again to keep yours.`, href: '#return-form' }],
        status: 409,
      });
    }
    if (saved.errors.length || !saved.data) return returnForm(req, res, { values, errors: errorItems(saved.errors, (f) => fieldIdOf(f, standards)), status: 400 });
    const ret = saved.data.saveAuditReturn;
    if (field(req, 'intent') !== 'submit') return web.redirectWithFlash(req, res, `/cycles/${req.params.cycleId}/return`, 'Draft saved');
    const submitted = await web.mutate<SubmitAuditReturnMutation>(req, 'SubmitAuditReturn', { input: { returnId: ret.id, basedOnRevision: ret.revision } });
    if (!submitted.errors.length) return web.redirectWithFlash(req, res, `/returns/${ret.id}`, 'Return submitted to the board');
    // The draft was saved; the submission rule's problems are listed one by one.
    return returnForm(req, res, { values: clearedActions(values), errors: submitProblems(submitted.errors, standards), status: 400 });
  });

  return r;
}

function clearedActions(values: Record<string, { rating: string; evidence: string; actionDescription: string; actionDueOn: string }>) {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, { ...v, actionDescription: '', actionDueOn: '' }]));
}

function fieldIdOf(field: string, standards: { code: string }[]): string | undefined {
  const m = /^assessments\.(\d+)\.(\w+)/.exec(field);
  if (!m) return undefined;
  const code = standards[Number(m[1])]?.code;
  return code ? `${m[2] === 'actions' ? 'action' : m[2]}_${code}` : undefined;
}

function submitProblems(errors: OperationError[], _standards: { code: string }[]): ErrorItem[] {
  const out: ErrorItem[] = [];
  for (const e of errors) {
    const problems = e.extensions.problems as { field: string; message: string }[] | undefined;
    if (!problems) {
      out.push({ text: e.message });
      continue;
    }
    for (const p of problems) {
      const m = /^assessments\.([^.]+)\.(rating|actions)$/.exec(p.field);
      out.push({ text: p.message, href: m ? `#${m[2] === 'rating' ? 'rating' : 'action'}_${m[1]}` : undefined });
    }
  }
  return out;
}

function tagFor(rating: string): string {
  return ({ MET: 'govuk-tag--green', PARTIALLY_MET: 'govuk-tag--orange', NOT_MET: 'govuk-tag--red' } as Record<string, string>)[rating] ?? 'govuk-tag--grey';
}
