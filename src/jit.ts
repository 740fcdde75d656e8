import type { ApolloServerOptionsWithGateway } from '@apollo/server';
import { DocumentNode, execute, ExecutionResult, GraphQLError, GraphQLSchema } from 'graphql';
import { CompiledQuery, compileQuery, isCompiledQuery } from 'graphql-jit';
import { LRUCache } from 'lru-cache';

type Gateway = ApolloServerOptionsWithGateway<never>['gateway'];
type Executor = NonNullable<Awaited<ReturnType<Gateway['load']>>['executor']>;

/** Documents whose compiled form is kept; each is a generated function of a few kilobytes. */
export const JIT_CACHE_SIZE = 500;

export interface JitStats {
  /** Documents in the cache (compiled, or marked for graphql-js). */
  cached: number;
  /** Documents graphql-jit could not compile since start. */
  fallbacks: number;
}

/** graphql-jit could not compile this document: graphql-js runs it (decided once per document). */
const FALLBACK = Symbol('graphql-js');

/**
 * Runs operations through graphql-jit (each document compiled once into a plain JavaScript function,
 * which spares graphql-js's per-field interpretation: collecting fields, building each resolver's
 * info, completing values generically) while Apollo keeps everything before and after execution:
 * parsing with the token limit, validation with graphql-armor's rules, every plugin (request log,
 * errors, replica routing) and formatError. Apollo Server's documented hook for another executor is
 * a gateway whose load() returns one; it then calls it with the parsed, validated document and the
 * context, and handles the result exactly as graphql-js's (see requestPipeline.js, execute()).
 *
 * The schema is the one buildHubSchema() returns, read guard and text guard already wrapped around
 * its resolvers, so graphql-jit calls the same guarded resolvers graphql-js would.
 */
export function jitGateway(schema: GraphQLSchema, cacheSize = JIT_CACHE_SIZE): Gateway & { stats(): JitStats } {
  // Least recently used documents go first (lru-cache, as Apollo's own document cache uses).
  const compiled = new LRUCache<string, CompiledQuery | typeof FALLBACK>({ max: cacheSize });
  let fallbacks = 0;

  const compiledFor = (key: string, document: DocumentNode, operationName: string | undefined): CompiledQuery | typeof FALLBACK => {
    const hit = compiled.get(key);
    if (hit !== undefined) return hit;
    const made = compileQuery(schema, document, operationName);
    const entry = isCompiledQuery(made) ? made : FALLBACK;
    if (entry === FALLBACK) fallbacks++;
    compiled.set(key, entry);
    return entry;
  };

  const executor: Executor = async (rc) => {
    const { document, queryHash, context } = rc;
    const { variables, operationName } = rc.request;
    const viaGraphqlJs = () => execute({ schema, document, contextValue: context, variableValues: variables, operationName });
    const entry = compiledFor(`${operationName ?? ''}\u0000${queryHash}`, document, operationName ?? undefined);
    if (entry === FALLBACK) return viaGraphqlJs();
    const result = (await entry.query(undefined, context, variables)) as ExecutionResult;
    // Variables that do not coerce: nothing ran. graphql-js words (and locates) these errors the way
    // Apollo recognises as the client's (BAD_USER_INPUT, HTTP 400), so it answers them.
    if (result.data === undefined && result.errors?.length) return viaGraphqlJs();
    return result.errors ? { ...result, errors: result.errors.map(asGraphqlJsError) } : result;
  };

  return {
    stats: () => ({ cached: compiled.size, fallbacks }),
    async load() {
      return { executor };
    },
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: '' });
      return () => {};
    },
    async stop() {
      compiled.clear();
    },
  };
}

/**
 * graphql-jit's errors leave `extensions` undefined when the thrown error has none, where graphql-js
 * always gives an object (Apollo reads extensions.code from it, and a DomainError's extensions carry
 * the HTTP status). The same error as graphql-js's locatedError makes it: message, path, locations,
 * the thrown error as originalError and its extensions.
 */
function asGraphqlJsError(e: GraphQLError): GraphQLError {
  const made = new GraphQLError(e.message, { path: e.path, originalError: e.originalError ?? undefined });
  if (e.locations) Object.defineProperty(made, 'locations', { value: e.locations, enumerable: true, writable: true, configurable: true });
  return made;
}
