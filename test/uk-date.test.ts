import { ukDate } from '../src/common/scalars';

/** The clock's "today" is the UK's date; it is kept per UTC minute (the UK's offset is whole hours). */
describe('ukDate', () => {
  it('turns at UK midnight in winter and in summer, whatever was asked just before', () => {
    const at = (iso: string) => ukDate(new Date(iso));
    // GMT: midnight is 00:00 UTC.
    expect([at('2025-01-14T23:59:59.999Z'), at('2025-01-15T00:00:00.000Z'), at('2025-01-15T00:00:30.000Z')]).toEqual(['2025-01-14', '2025-01-15', '2025-01-15']);
    // BST: midnight is 23:00 UTC the day before; the same minute asked twice, then the next.
    expect([at('2025-07-01T22:59:00.000Z'), at('2025-07-01T22:59:59.999Z'), at('2025-07-01T23:00:00.000Z')]).toEqual(['2025-07-01', '2025-07-01', '2025-07-02']);
    // The clocks change (30 March and 26 October 2025) at 01:00 UTC, not at midnight.
    expect([at('2025-03-29T23:59:59.000Z'), at('2025-03-30T00:00:00.000Z'), at('2025-10-25T22:59:59.000Z'), at('2025-10-25T23:00:00.000Z')]).toEqual([
      '2025-03-29',
      '2025-03-30',
      '2025-10-25',
      '2025-10-26',
    ]);
    // Going back in time (a test clock) is answered afresh.
    expect(at('2024-02-29T12:00:00.000Z')).toBe('2024-02-29');
  });
});
