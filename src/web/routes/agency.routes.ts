import { Request, Response, Router } from 'express';
import type { ActionPageQuery, OurActionsQuery, UpdateActionMutation, WhatWeOweQuery } from '../generated/graphql';
import { ErrorItem, errorItems, field, PageError, Web } from '../kit';

const STATUSES = ['NOT_STARTED', 'IN_PROGRESS', 'COMPLETE', 'CANCELLED'];
const RAGS = ['RED', 'AMBER', 'GREEN'];

/** Agency lead: what the agency owes, and the actions it owns across its boards. */
export function agencyRoutes(web: Web): Router {
  const r = Router();

  r.get('/owe', async (req, res) => {
    const me = await web.me(req);
    if (me.role !== 'AGENCY_USER') throw new PageError(403, '“What we owe” is for agency users');
    const data = await web.query<WhatWeOweQuery>(req, 'WhatWeOwe', { asOf: web.today() });
    const agency = data.me.agency!;
    const done = agency.auditReturns.filter((x) => x.status === 'SUBMITTED' || x.status === 'VALIDATED');
    await web.render(req, res, 'owe', { title: 'What we owe', section: 'owe', agency, done, today: web.today() });
  });

  r.get('/actions', async (req, res) => {
    const me = await web.me(req);
    if (me.role !== 'AGENCY_USER') throw new PageError(403, '“Our actions” is for agency users');
    const data = await web.query<OurActionsQuery>(req, 'OurActions', { asOf: web.today() });
    const actions = [...data.me.agency!.actions].sort((a, b) => Number(b.overdue) - Number(a.overdue) || String(a.dueOn ?? '9999').localeCompare(String(b.dueOn ?? '9999')));
    await web.render(req, res, 'actions', { title: 'Our actions', section: 'actions', agency: data.me.agency, actions });
  });

  async function actionPage(req: Request, res: Response, extra: { values?: Record<string, string>; errors?: ErrorItem[] } = {}, status = 200) {
    const data = await web.query<ActionPageQuery>(req, 'ActionPage', { id: req.params.actionId });
    const action = data.action;
    const canUpdate =
      (data.me.role === 'AGENCY_USER' && data.me.agencyId === action.ownerAgencyId) || action.boardIds.some((b) => data.me.canManageBoardIds.includes(b)) || data.me.role === 'ADMIN';
    const values = extra.values ?? { status: action.status, rag: action.rag ?? '', note: '' };
    await web.render(req, res, 'action', { title: action.description, section: data.me.role === 'AGENCY_USER' ? 'actions' : 'boards', action, canUpdate, values, errors: extra.errors, statuses: STATUSES, rags: RAGS, back: { href: data.me.role === 'AGENCY_USER' ? '/actions' : action.boardIds[0] ? `/boards/${action.boardIds[0]}` : '/' } }, status);
  }

  r.get('/actions/:actionId', async (req, res) => {
    await web.me(req);
    await actionPage(req, res);
  });

  r.post('/actions/:actionId', async (req, res) => {
    await web.me(req);
    const values = { status: field(req, 'status'), rag: field(req, 'rag'), note: field(req, 'note') };
    const errors: ErrorItem[] = [];
    if (!values.note) errors.push({ text: 'Enter a progress note: what has been done since the last update', href: '#note' });
    if (!STATUSES.includes(values.status)) errors.push({ text: 'Choose the status', href: '#status' });
    if (values.rag && !RAGS.includes(values.rag)) errors.push({ text: 'Choose red, amber or green', href: '#rag' });
    if (!errors.length) {
      const result = await web.mutate<UpdateActionMutation>(req, 'UpdateAction', { input: { actionId: req.params.actionId, note: values.note, status: values.status, ...(values.rag ? { rag: values.rag } : {}) } });
      if (!result.errors.length) return web.redirectWithFlash(req, res, `/actions/${req.params.actionId}`, 'Progress recorded');
      errors.push(...errorItems(result.errors, (f) => ({ note: 'note', status: 'status', rag: 'rag' })[f]));
    }
    await actionPage(req, res, { values, errors }, 400);
  });

  return r;
}
