import { isIsoDate } from '../../common/scalars';
import { derivedValue, IndicatorUnit } from '../../rules/scorecard';
import { Indicator } from './scorecard.entity';

/** What an observation carries, from the API or from a CSV row. */
export interface ObservationFields {
  periodFrom: string;
  periodTo: string;
  value?: number | null;
  numerator?: number | null;
  denominator?: number | null;
  breakdownDimension?: string | null;
  breakdownCategory?: string | null;
  commentary?: string | null;
}

export interface Problem {
  field: string;
  message: string;
}

// The hub holds aggregates only: text that looks like a person's record is refused.
const NHS_NUMBER = /\b\d{3}[ -]?\d{3}[ -]?\d{4}\b/;
const PERSONAL = /\b(date of birth|d\.?o\.?b\.?|nhs (number|no)|born on)\b/i;

/**
 * Every problem with an observation's figures, none written: the period, numbers that are numbers,
 * counts that are whole, percentages from 0 to 100, a numerator within its denominator, a breakdown
 * given whole, and no text that looks like a child's or adult's record. Returns the value to store
 * (derived from numerator and denominator for percentages and rates per 10,000).
 */
export function checkObservation(ind: Indicator, o: ObservationFields, population: number | null): { problems: Problem[]; value: number | null; denominator: number | null } {
  const problems: Problem[] = [];
  const bad = (field: string, message: string) => problems.push({ field, message });
  if (!isIsoDate(o.periodFrom)) bad('periodFrom', 'Expected a date YYYY-MM-DD');
  if (!isIsoDate(o.periodTo)) bad('periodTo', 'Expected a date YYYY-MM-DD');
  else if (isIsoDate(o.periodFrom) && o.periodTo < o.periodFrom) bad('periodTo', 'periodTo must not be before periodFrom');
  const num = (field: string, x: number | null | undefined) => {
    if (x === null || x === undefined) return null;
    if (!Number.isFinite(x)) {
      bad(field, 'Not a number');
      return null;
    }
    if (x < 0 && ind.unit !== IndicatorUnit.SCORE) bad(field, 'Must not be negative');
    return x;
  };
  let value = num('value', o.value);
  const numerator = num('numerator', o.numerator);
  let denominator = num('denominator', o.denominator);
  const whole = (field: string, x: number | null) => x !== null && !Number.isInteger(x) && bad(field, 'A count of people is a whole number');
  if (ind.countsPeople || ind.unit === IndicatorUnit.COUNT) whole('numerator', numerator);
  if (ind.unit === IndicatorUnit.COUNT) whole('value', value);
  if (ind.unit === IndicatorUnit.PERCENT || ind.unit === IndicatorUnit.RATE_PER_10K) {
    if (ind.unit === IndicatorUnit.RATE_PER_10K && numerator !== null && denominator === null) {
      denominator = population;
      if (population === null) bad('denominator', "No population for the board's area and year: setPopulation first, or give the denominator");
    }
    if (numerator !== null && denominator !== null) {
      if (denominator <= 0) bad('denominator', 'Must be more than 0');
      else if (ind.unit === IndicatorUnit.PERCENT && numerator > denominator) bad('numerator', 'A numerator cannot exceed its denominator');
      else {
        const derived = derivedValue(ind.unit, numerator, denominator);
        if (value !== null && Math.abs(value - derived) > 0.05) bad('value', `The value does not match numerator and denominator (${derived})`);
        value = derived;
      }
    } else if (numerator !== null && ind.unit === IndicatorUnit.PERCENT) bad('denominator', 'A percentage given by numerator needs its denominator');
  }
  if (ind.unit === IndicatorUnit.PERCENT && value !== null && value > 100) bad('value', 'A percentage is from 0 to 100');
  if (value === null && numerator === null && !problems.length) bad('value', 'Give the value (or numerator and denominator)');
  const dim = (o.breakdownDimension ?? '').trim();
  const cat = (o.breakdownCategory ?? '').trim();
  if (!!dim !== !!cat) bad(dim ? 'breakdownCategory' : 'breakdownDimension', 'A breakdown names both its dimension and its category');
  for (const [field, text] of [['commentary', o.commentary], ['breakdownDimension', dim], ['breakdownCategory', cat]] as const) {
    if (text && (NHS_NUMBER.test(text) || PERSONAL.test(text))) {
      bad(field, "Observations are aggregates: the hub never stores a child's or adult's record (this looks like personal details)");
    }
  }
  return { problems, value, denominator };
}
