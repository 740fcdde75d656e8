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

// A NUL byte cannot be stored in PostgreSQL text; a lone UTF-16 surrogate is not a character at all
// (the driver would silently store U+FFFD instead).
const MALFORMED_TEXT = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * The path of the first string in a field's arguments that holds a NUL byte or a lone surrogate,
 * relative to the input object as the other BAD_USER_INPUT fields are (`records.0.attendeeName`).
 */
export function malformedTextPath(args: Record<string, unknown>): string | null {
  const walk = (value: unknown, path: string[]): string[] | null => {
    if (typeof value === 'string') return MALFORMED_TEXT.test(value) ? path : null;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const found = walk(value[i], [...path, String(i)]);
        if (found) return found;
      }
      return null;
    }
    if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        const found = walk(v, [...path, k]);
        if (found) return found;
      }
    }
    return null;
  };
  for (const [name, value] of Object.entries(args)) {
    const found = walk(value, name === 'input' ? [] : [name]);
    if (found) return found.join('.') || name;
  }
  return null;
}

/** Refuses text the database cannot store faithfully, before anything reads or writes with it. */
export function assertWellFormedText(args: Record<string, unknown>): void {
  const field = malformedTextPath(args);
  if (field) throw new BadInputError(field, `${field} contains a NUL byte or an unpaired surrogate`);
}
