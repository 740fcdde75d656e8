import path from 'node:path';
import nunjucks from 'nunjucks';
import { statusLabel } from '../common/words';
import { webFile } from './paths';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "2025-03-31" → "31 March 2025", the GOV.UK style for dates. */
export function longDate(value: unknown): string {
  if (typeof value !== 'string') return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (!m) return value;
  return `${Number(m[3])} ${MONTHS[Number(m[2]) - 1]} ${m[1]}`;
}

/** A fraction 0..1 as a whole percentage ("75%"); "no data" for null. */
export function percent(value: unknown): string {
  if (typeof value !== 'number') return 'no data';
  return `${Math.round(value * 1000) / 10}%`;
}

const TAG_COLOURS: Record<string, string> = {
  RED: 'govuk-tag--red',
  AMBER: 'govuk-tag--orange',
  GREEN: 'govuk-tag--green',
  DRAFT: 'govuk-tag--grey',
  SUBMITTED: 'govuk-tag--blue',
  RETURNED: 'govuk-tag--orange',
  VALIDATED: 'govuk-tag--green',
  NOT_STARTED: 'govuk-tag--grey',
  IN_PROGRESS: 'govuk-tag--blue',
  COMPLETE: 'govuk-tag--green',
  CANCELLED: 'govuk-tag--grey',
  HELD: 'govuk-tag--green',
  SCHEDULED: 'govuk-tag--blue',
  ADJOURNED: 'govuk-tag--orange',
  MET: 'govuk-tag--green',
  PARTIALLY_MET: 'govuk-tag--orange',
  NOT_MET: 'govuk-tag--red',
  NOT_APPLICABLE: 'govuk-tag--grey',
};

/** Enum values in words: NOT_STARTED → "Not started" (the report's words, capitalised). */
export function words(value: unknown): string {
  return typeof value === 'string' && value ? statusLabel(value) : '';
}

const KINDS: Record<string, string> = {
  LSCB: 'Local Safeguarding Children Board',
  CHILDREN: 'Local Safeguarding Children Board',
  SAFEGUARDING_CHILDREN_PARTNERSHIP: 'Safeguarding children partnership',
  SAB: 'Safeguarding Adults Board',
  ADULTS: 'Safeguarding Adults Board',
  JOINT: 'Joint children and adults board',
};

export function createViews(): nunjucks.Environment {
  const govuk = path.join(path.dirname(require.resolve('govuk-frontend/package.json')), 'dist');
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader([webFile('views'), govuk], { noCache: false }), {
    autoescape: true,
    throwOnUndefined: false,
  });
  env.addFilter('longDate', longDate);
  env.addFilter('percent', percent);
  env.addFilter('words', words);
  env.addFilter('boardKind', (v: unknown) => (typeof v === 'string' && KINDS[v]) || words(v));
  env.addFilter('tagClass', (v: unknown) => (typeof v === 'string' && TAG_COLOURS[v]) || 'govuk-tag--grey');
  return env;
}
