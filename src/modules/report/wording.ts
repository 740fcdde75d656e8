const WORDS = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];

/** "no", "one" ... "ten", then digits, as British reports write small numbers. */
export function numberWord(n: number): string {
  return n >= 0 && n < WORDS.length ? WORDS[n] : String(n);
}

export function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** "one agency", "two agencies", "no agencies". */
export function count(n: number, singular: string, plural = singular + 's'): string {
  return `${numberWord(n)} ${n === 1 ? singular : plural}`;
}

export function percent(rate: number | null, digits = 0): string {
  return rate === null ? 'n/a' : `${(rate * 100).toFixed(digits)}%`;
}

/** "A", "A and B", "A, B and C". */
export function listOf(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** Small counts in published reports: 1-4 become "fewer than 5" so no child or family can be singled out. */
export function suppressed(n: number, suppress: boolean): string {
  return suppress && n > 0 && n < 5 ? 'fewer than 5' : String(n);
}

/**
 * Small numbers in anything published (DOMAIN.md "Numbers and words"): a count of people or of cases
 * about people from 1 to 4 reads "fewer than 5" unless the board turned suppression off. Counts of
 * meetings, agencies, returns, actions, indicators and published reviews are not about people and
 * always show. Every count of a document goes through one `Counts` so each is decided once: the same
 * count asked for again gets the same decision, and a suppressed count always takes the plural
 * ("fewer than 5 reviews were"), so no word around it gives it away.
 */
export type CountKind = 'people' | 'public';

/** The suppression rule itself: a count of people from 1 to 4, with suppression on. */
export function smallCountHidden(n: number, kind: CountKind, suppress: boolean): boolean {
  return kind === 'people' && suppress && n > 0 && n < 5;
}

export class Counts {
  private readonly decided = new Map<string, { n: number; hidden: boolean }>();
  constructor(readonly suppress: boolean) {}

  /** Whether the count `key` (value n, of the given kind) is hidden; the first decision holds for the document. */
  hidden(key: string, n: number, kind: CountKind): boolean {
    const seen = this.decided.get(key);
    if (seen) {
      if (seen.n !== n) throw new Error(`Count ${key} given as ${seen.n} and as ${n} in one document`);
      return seen.hidden;
    }
    const hidden = smallCountHidden(n, kind, this.suppress);
    this.decided.set(key, { n, hidden });
    return hidden;
  }

  /** A table cell: "fewer than 5" or the digits. */
  cell(key: string, n: number, kind: CountKind): string {
    return this.hidden(key, n, kind) ? 'fewer than 5' : String(n);
  }

  /** A phrase: "fewer than 5 reviews", "one review", "no reviews", "12 reviews". */
  phrase(key: string, n: number, kind: CountKind, singular: string, plural = singular + 's'): string {
    return this.hidden(key, n, kind) ? `fewer than 5 ${plural}` : count(n, singular, plural);
  }

  /** The verb agreeing with the phrase above: plural whenever the count is hidden. */
  verb(key: string, n: number, kind: CountKind, singular: string, plural: string): string {
    return this.hidden(key, n, kind) || n !== 1 ? plural : singular;
  }

  /** Every decision taken, for the checklist and tests. */
  decisions(): { key: string; n: number; hidden: boolean }[] {
    return [...this.decided].map(([key, d]) => ({ key, ...d }));
  }
}


/**
 * Markdown (CommonMark) text: every character that could start markup is escaped with a backslash,
 * which CommonMark allows before any ASCII punctuation, and nothing else is touched: "Women's
 * Centre" stays as it is, "<script>" prints as text, "|" cannot split a table cell.
 */
export function escapeMarkdown(s: string): string {
  return s
    .replace(/[\\`*_{}[\]<>#|&~!]/g, (c) => `\\${c}`)
    .replace(/^(\s*)([-+=])/, '$1\\$2')
    .replace(/^(\s*\d+)([.)])/, '$1\\$2')
    .replace(/\r?\n/g, ' ');
}
