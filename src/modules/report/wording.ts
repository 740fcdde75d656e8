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
