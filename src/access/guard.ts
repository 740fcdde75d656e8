import {
  defaultFieldResolver,
  getNamedType,
  GraphQLFieldResolver,
  GraphQLList,
  GraphQLOutputType,
  GraphQLSchema,
  isAbstractType,
  isIntrospectionType,
  isListType,
  isNonNullType,
  isObjectType,
} from 'graphql';
import { ForbiddenError, UnauthenticatedError } from '../common/errors';
import { ReadScope } from './read-scope';
import { ReadRule, readPolicy } from './policy';

interface Guarded {
  read: ReadScope;
}

/**
 * Applies the read policy to every field of the schema that returns an object: lists leave out
 * what the reader may not read, a nullable edge answers null, a non-null one (a root lookup)
 * answers FORBIDDEN. It runs on the built schema, below type-graphql, so no resolver, loader or
 * default property resolver can hand an object to a client without passing through it. A schema
 * with an object type the policy does not name does not build.
 */
export function guardSchema(schema: GraphQLSchema, policy: Record<string, ReadRule> = readPolicy): GraphQLSchema {
  const missing: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (isIntrospectionType(type) || type === schema.getQueryType() || type === schema.getMutationType()) continue;
    if (isAbstractType(type)) throw new Error(`The read guard does not handle interface or union ${type.name} yet: decide per concrete type first`);
    if (isObjectType(type) && !policy[type.name]) missing.push(type.name);
  }
  if (missing.length) throw new Error(`No read policy for GraphQL type(s) ${missing.join(', ')}: add them to src/access/policy.ts`);

  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || isIntrospectionType(type)) continue;
    for (const field of Object.values(type.getFields())) {
      const named = getNamedType(field.type);
      if (!isObjectType(named)) continue;
      const rule = policy[named.name];
      if (rule.kind === 'partOf' || rule.kind === 'public') continue;
      const inner: GraphQLFieldResolver<unknown, Guarded> = field.resolve ?? defaultFieldResolver;
      const shape = field.type;
      // Synchronous when the value and the decision are (a decided object, the directory): most
      // fields of a response, and no promise per field for the executor to wait on.
      field.resolve = (source, args, ctx, info) => then(inner(source, args, ctx, info), (value) => filter(value, shape, rule, ctx.read));
    }
  }
  return schema;
}

type Maybe<T> = T | Promise<T>;

function isPromise(v: unknown): v is Promise<unknown> {
  return typeof (v as { then?: unknown } | null)?.then === 'function';
}

function then<T, U>(v: Maybe<T>, f: (t: T) => Maybe<U>): Maybe<U> {
  return isPromise(v) ? (v as Promise<T>).then(f) : f(v as T);
}

function allowed(obj: unknown, rule: ReadRule, read: ReadScope): Maybe<boolean> {
  if (!read.user) return false;
  if (rule.kind === 'directory') return true;
  return rule.kind === 'entity' && rule.read(obj, read);
}

function filter(value: unknown, type: GraphQLOutputType, rule: ReadRule, read: ReadScope): Maybe<unknown> {
  if (value === null || value === undefined || value instanceof Error) return value;
  const nonNull = isNonNullType(type);
  const shape = nonNull ? type.ofType : type;
  if (isListType(shape)) {
    const items = Array.from(value as Iterable<unknown>);
    const itemType = (shape as GraphQLList<GraphQLOutputType>).ofType;
    return items.some(isPromise) ? Promise.all(items).then((all) => filterList(all, itemType, rule, read)) : filterList(items, itemType, rule, read);
  }
  return then(allowed(value, rule, read), (ok) => {
    if (ok) return value;
    // A nullable edge answers null; a non-null one (a root lookup) answers FORBIDDEN.
    if (!nonNull) return null;
    if (!read.user) throw new UnauthenticatedError();
    throw new ForbiddenError('You may not read this');
  });
}

function filterList(items: unknown[], itemType: GraphQLOutputType, rule: ReadRule, read: ReadScope): Maybe<unknown[]> {
  if (isListType(isNonNullType(itemType) ? itemType.ofType : itemType)) {
    const inner = items.map((i) => filter(i, itemType, rule, read));
    return inner.some(isPromise) ? Promise.all(inner) : inner;
  }
  // A list leaves out what the reader may not read.
  const keep = items.map((i) => i === null || i === undefined || allowed(i, rule, read));
  const kept = (k: readonly boolean[]) => items.filter((_, j) => k[j]);
  return keep.some(isPromise) ? Promise.all(keep).then(kept) : kept(keep as boolean[]);
}
