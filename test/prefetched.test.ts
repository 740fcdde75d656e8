import { GraphQLObjectType, GraphQLResolveInfo } from 'graphql';
import { setPrefetched } from '../src/common/prefetched';
import { buildHubSchema } from '../src/schema';

/**
 * Issue 17: an argument-free edge a look-ahead read is answered from the object, without its
 * resolver; the read guard still decides every object it carries (src/common/prefetched.ts).
 */
describe('edges read ahead', () => {
  const field = (type: string, name: string) => (buildHubSchema().getType(type) as GraphQLObjectType).getFields()[name];
  const info = {} as GraphQLResolveInfo;
  // The read facts the guard asks of an Attendance: may the reader read its meeting?
  const reader = (readable: string[]) => ({ read: { user: { id: 'u' }, meeting: (id: string) => readable.includes(id) } });

  it('answers a meeting’s register from the object without calling the resolver, and leaves out what the reader may not read', async () => {
    const mine = { id: 'a1', meetingId: 'm1' };
    const foreign = { id: 'a2', meetingId: 'm2' };
    const meeting = { id: 'm1' };
    setPrefetched(meeting, 'attendance', [mine, foreign]);
    // No loaders in this context: the resolver would throw if it ran.
    expect(await field('Meeting', 'attendance').resolve!(meeting, {}, reader(['m1']), info)).toEqual([mine]);
    expect(await field('Meeting', 'attendance').resolve!(meeting, {}, reader([]), info)).toEqual([]);
  });

  it('falls back to the resolver when the edge was not read ahead', () => {
    expect(() => field('Meeting', 'attendance').resolve!({ id: 'm1' }, {}, reader(['m1']), info)).toThrow();
  });

  it('keeps the edge out of the JSON of the object', () => {
    const meeting = { id: 'm1' };
    setPrefetched(meeting, 'attendance', []);
    expect(JSON.stringify(meeting)).toBe('{"id":"m1"}');
    expect(Object.keys(meeting)).toEqual(['id']);
  });
});
