import { BadInputError, NotFoundError } from './errors';
import { isIsoDate } from './scalars';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** A malformed id can never match a row: answer NOT_FOUND rather than a database error. */
export function assertFound<T>(entity: T | null | undefined, name: string, id: string): T {
  if (!entity) throw new NotFoundError(name, id);
  return entity;
}

export function assertUuidOrNotFound(id: string, name: string): void {
  if (!isUuid(id)) throw new NotFoundError(name, id);
}

export function assertPeriod(from: string, to: string, fromField = 'from', toField = 'to'): void {
  if (!isIsoDate(from)) throw new BadInputError(fromField, 'Expected a date YYYY-MM-DD');
  if (!isIsoDate(to)) throw new BadInputError(toField, 'Expected a date YYYY-MM-DD');
  if (from > to) throw new BadInputError(toField, `${toField} must not be before ${fromField}`);
}

export function requireText(field: string, value: string | null | undefined, max = 500): string {
  const v = (value ?? '').trim();
  if (!v) throw new BadInputError(field, `${field} must not be blank`);
  if (v.length > max) throw new BadInputError(field, `${field} must be at most ${max} characters`);
  return v;
}
