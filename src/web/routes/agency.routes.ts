import { Router } from 'express';
import { Web } from '../kit';

export function agencyRoutes(_web: Web): Router {
  return Router();
}
