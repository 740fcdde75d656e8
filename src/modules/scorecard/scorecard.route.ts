import { Router } from 'express';
import { DataSource } from 'typeorm';
import { createContext } from '../../context';
import { DomainError, isDatabaseUnavailable } from '../../common/errors';
import { BadInputError } from '../../common/errors';
import { isIsoDate } from '../../common/scalars';
import { Logger } from '../../common/logger';
import { Services } from '../../services';

const STATUS: Record<string, number> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404, BAD_USER_INPUT: 400, CONFLICT: 409 };

/**
 * GET /boards/:id/scorecard.csv?periodEnd=YYYY-MM-DD[&periodStart=YYYY-MM-DD]
 * The published scorecard (small numbers suppressed unless the board turned that off), with the
 * same bearer token and the same access as the scorecard query.
 */
export function scorecardRouter(ds: DataSource, services: Services, logger: Logger): Router {
  const router = Router();
  router.get('/boards/:id/scorecard.csv', async (req, res) => {
    try {
      const user = await services.auth.authenticate(req.headers.authorization);
      const q = (name: string) => (typeof req.query[name] === 'string' ? (req.query[name] as string) : undefined);
      const periodEnd = q('periodEnd');
      if (!periodEnd || !isIsoDate(periodEnd)) throw new BadInputError('periodEnd', 'Give periodEnd=YYYY-MM-DD');
      const { access } = createContext(ds, services, user, String(req.headers['x-request-id'] ?? ''));
      const csv = await services.scorecard.scorecard.csv(access, req.params.id, periodEnd, q('periodStart'));
      res.set('Content-Disposition', `attachment; filename="scorecard-${periodEnd}.csv"`);
      res.type('text/csv; charset=utf-8').send(csv);
    } catch (e) {
      if (e instanceof DomainError) {
        res.status(STATUS[e.code] ?? 400).json({ errors: [{ message: e.message, extensions: { ...e.extra, code: e.code } }] });
        return;
      }
      if (isDatabaseUnavailable(e)) {
        res.status(503).json({ errors: [{ message: 'The database is not answering; try again in a moment', extensions: { code: 'SERVICE_UNAVAILABLE' } }] });
        return;
      }
      logger.error({ err: e }, 'scorecard csv failed');
      res.status(500).json({ errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
    }
  });
  return router;
}
