import path from 'node:path';
import express, { Express, NextFunction, Request, Response, Router } from 'express';
import { GraphQLSchema } from 'graphql';
import { DataSource } from 'typeorm';
import { Logger } from '../common/logger';
import type { Services } from '../services';
import { accountRoutes } from './routes/account.routes';
import { agencyRoutes } from './routes/agency.routes';
import { auditRoutes } from './routes/audit.routes';
import { boardRoutes } from './routes/board.routes';
import { WebOperations } from './graphql';
import { PageError, Web } from './kit';
import { webFile } from './paths';
import { createViews } from './render';
import { csrfMatches, sessionMiddleware } from './session';

export interface WebAppOptions {
  isProduction: boolean;
}

const packageDir = (name: string) => path.dirname(require.resolve(`${name}/package.json`));

/** govuk-frontend's compiled CSS, JS, fonts and images, and the hub's own few: served by the hub, nothing from a CDN. */
export function mountAssets(app: Express): void {
  const govuk = path.join(packageDir('govuk-frontend'), 'dist', 'govuk');
  const cache = { maxAge: '1h' };
  app.use('/assets', express.static(path.join(govuk, 'assets'), cache));
  app.get('/assets/govuk-frontend.min.css', (_req, res) => res.sendFile(path.join(govuk, 'govuk-frontend.min.css'), cache));
  app.get('/assets/govuk-frontend.min.js', (_req, res) => res.sendFile(path.join(govuk, 'govuk-frontend.min.js'), cache));
  app.use('/assets', express.static(webFile('public'), cache));
}

/**
 * The server-rendered web app (issue 18) on the hub's own express app. Every page runs operations
 * from src/web/operations through the hub's schema with the signed-in user's context.
 */
export function webApp(ds: DataSource, services: Services, schema: GraphQLSchema, logger: Logger, options: WebAppOptions): Router {
  const ops = new WebOperations(schema, !options.isProduction);
  const web = new Web(ds, services, ops, createViews());
  const router = Router();
  router.use(express.urlencoded({ extended: false, limit: '200kb', parameterLimit: 2000 }));
  router.use(sessionMiddleware(ds, { secureCookie: options.isProduction }));
  // Every POST carries the session's synchronizer token; without it nothing runs.
  router.use((req: Request, _res: Response, next: NextFunction) => {
    if (req.method !== 'POST') return next();
    if (!csrfMatches(req.webSession!.data, (req.body as Record<string, unknown> | undefined)?._csrf)) {
      return next(new PageError(403, 'This form has expired or did not come from this site. Go back, reload the page and try again.'));
    }
    next();
  });
  router.use(accountRoutes(web));
  router.use(boardRoutes(web));
  router.use(auditRoutes(web));
  router.use(agencyRoutes(web));
  router.use((_req: Request, _res: Response, next: NextFunction) => next(new PageError(404, 'If you typed the web address, check it is correct.')));
  router.use(async (err: unknown, req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(err);
    try {
      if (err instanceof PageError && err.status === 401) {
        res.redirect(303, '/sign-in');
        return;
      }
      if (err instanceof PageError && (err.status === 403 || err.status === 404)) {
        await web.render(req, res, String(err.status), { title: err.status === 403 ? 'You cannot see this page' : 'Page not found', message: err.message }, err.status);
        return;
      }
      logger.error({ err }, 'web page failed');
      await web.render(req, res, '500', { title: 'Sorry, there is a problem with the service' }, 500);
    } catch (e) {
      next(e);
    }
  });
  return router;
}
