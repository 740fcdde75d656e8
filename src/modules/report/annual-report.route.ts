import { Router } from 'express';
import { DataSource } from 'typeorm';
import { createContext } from '../../context';
import { BadInputError, DomainError, isDatabaseUnavailable } from '../../common/errors';
import { isIsoDate } from '../../common/scalars';
import { Logger } from '../../common/logger';
import { sqlStatementsSoFar } from '../../common/sql-counter';
import { Services } from '../../services';
import { renderCsv, renderXlsx } from './annual-report.files';
import { renderHtml, renderMarkdown } from './annual-report.render';
import { REPORT_LINK_FORMATS } from './report-link.service';

const STATUS: Record<string, number> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404, BAD_USER_INPUT: 400, CONFLICT: 409 };

/**
 * GET /boards/:id/annual-report?from=YYYY-MM-DD&to=YYYY-MM-DD&format=md|html
 * Authorised exactly like the executiveSummary query: same token, same service checks; or with
 * &link=... from the reportLink query, which stands for the user who asked for it.
 */
export function annualReportRouter(ds: DataSource, services: Services, logger: Logger): Router {
  const router = Router();
  router.get('/boards/:id/annual-report', async (req, res) => {
    const started = process.hrtime.bigint();
    let user: Awaited<ReturnType<Services['auth']['authenticate']>> = null;
    // The same one line per request as GraphQL requests get.
    res.on('finish', () =>
      logger.info(
        {
          route: 'annual-report',
          boardId: req.params.id,
          durationMs: Math.round(Number(process.hrtime.bigint() - started) / 1e5) / 10,
          user: user?.id ?? null,
          role: user?.role ?? null,
          outcome: res.statusCode < 400 ? 'ok' : 'error',
          status: res.statusCode,
          sqlStatements: sqlStatementsSoFar(),
        },
        'http request',
      ),
    );
    // Whatever answers, it is about one board: never cached by a shared cache, never sent on as a referrer.
    res.set('Cache-Control', 'private, no-store');
    res.set('Referrer-Policy', 'no-referrer');
    try {
      const q = (name: string) => (typeof req.query[name] === 'string' ? (req.query[name] as string) : undefined);
      const from = q('from');
      const to = q('to');
      const format = q('format') ?? 'html';
      const link = q('link');
      // A signed link (reportLink) stands for its issuer on this board and period only; otherwise a bearer token.
      if (link !== undefined && from && to) user = await services.reportLinks.readerOf(link, req.params.id, from, to);
      else user = await services.auth.authenticate(req.headers.authorization);
      if (!from || !isIsoDate(from)) throw new BadInputError('from', 'Give from=YYYY-MM-DD');
      if (!to || !isIsoDate(to)) throw new BadInputError('to', 'Give to=YYYY-MM-DD');
      if (!(REPORT_LINK_FORMATS as readonly string[]).includes(format)) throw new BadInputError('format', 'format is html, md, csv or xlsx');
      const { access } = createContext(ds, services, user, String(req.headers['x-request-id'] ?? ''));
      const summary = await services.executiveSummary.build(access, req.params.id, from, to);
      const report = await summary.loadReport();
      const file = `${report.board.name.replace(/[^A-Za-z0-9]+/g, '-')}-${from}-${to}`;
      if (format === 'md') {
        res.type('text/markdown; charset=utf-8').send(renderMarkdown(report));
      } else if (format === 'csv') {
        res.set('Content-Disposition', `attachment; filename="${file}.csv"`);
        res.type('text/csv; charset=utf-8').send(renderCsv(report, q('table')));
      } else if (format === 'xlsx') {
        res.set('Content-Disposition', `attachment; filename="${file}.xlsx"`);
        res.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(await renderXlsx(report));
      } else {
        // The page needs no script at all: a strict policy makes any that slipped through inert.
        res.set('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'");
        // The page links to its other formats, through the same signed link when it was opened by one.
        const base = new URLSearchParams({ from, to, ...(link ? { link } : {}) });
        const alternates = (['md', 'csv', 'xlsx'] as const).map((f) => ({ format: f, href: `/boards/${encodeURIComponent(req.params.id)}/annual-report?${base.toString()}&format=${f}` }));
        res.type('text/html; charset=utf-8').send(renderHtml(report, alternates));
      }
    } catch (e) {
      if (e instanceof DomainError) {
        res.status(STATUS[e.code] ?? 400).json({ errors: [{ message: e.message, extensions: { ...e.extra, code: e.code } }] });
        return;
      }
      if (isDatabaseUnavailable(e)) {
        res.status(503).json({ errors: [{ message: 'The database is not answering; try again in a moment', extensions: { code: 'SERVICE_UNAVAILABLE' } }] });
        return;
      }
      logger.error({ err: e }, 'annual report failed');
      res.status(500).json({ errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
    }
  });
  return router;
}
