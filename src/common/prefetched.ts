/**
 * Edges a look-ahead has already read for an object (src/lookahead.ts): field name → the value that
 * field's resolver would return. The schema (src/schema.ts) answers an argument-free object field
 * from here when it is set, without calling the resolver, its loader and the promises between; the
 * read guard still decides every object the value carries, as on any other path.
 *
 * Only for fields without arguments, whose answer depends on the object alone, so the same object
 * reached along another path of the same request answers the same. The values must be exactly what
 * the resolver would return (the look-ahead primes the resolvers' loaders with the same rows, and
 * test/lookahead.test.ts compares both paths).
 */
export const PREFETCHED = Symbol('edges read ahead');

export type PrefetchedEdges = Record<string, unknown>;

export function prefetchedEdges(source: unknown): PrefetchedEdges | undefined {
  return (source as { [PREFETCHED]?: PrefetchedEdges } | null | undefined)?.[PREFETCHED];
}

/** Records an edge on an object (under a symbol, so JSON and Object.keys never see it; defineProperty cost 2% of a nested read). */
export function setPrefetched(target: object, field: string, value: unknown): void {
  const t = target as { [PREFETCHED]?: PrefetchedEdges };
  const edges = t[PREFETCHED];
  if (edges) edges[field] = value;
  else t[PREFETCHED] = { [field]: value };
}
