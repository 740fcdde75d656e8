import { Router } from 'express';
import { Web } from '../kit';

export function auditRoutes(_web: Web): Router {
  return Router();
}
