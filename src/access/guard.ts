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
      field.resolve = async (source, args, ctx, info) => filter(await inner(source, args, ctx, info), shape, rule, ctx.read);
    }
  }
  return schema;
}

async function allowed(obj: unknown, rule: ReadRule, read: ReadScope): Promise<boolean> {
  if (!read.user) return false;
  return rule.kind === 'directory' || (rule.kind === 'entity' && (await rule.read(obj, read)));
}

async function filter(value: unknown, type: GraphQLOutputType, rule: ReadRule, read: ReadScope): Promise<unknown> {
  if (value === null || value === undefined || value instanceof Error) return value;
  const nonNull = isNonNullType(type);
  const shape = nonNull ? type.ofType : type;
  if (isListType(shape)) {
    const items = await Promise.all(value as Iterable<unknown>);
    const itemType = (shape as GraphQLList<GraphQLOutputType>).ofType;
    if (isListType(isNonNullType(itemType) ? itemType.ofType : itemType)) return Promise.all(items.map((i) => filter(i, itemType, rule, read)));
    // A list leaves out what the reader may not read.
    const keep = await Promise.all(items.map((i) => i === null || i === undefined || allowed(i, rule, read)));
    return items.filter((_, k) => keep[k]);
  }
  if (await allowed(value, rule, read)) return value;
  // A nullable edge answers null; a non-null one (a root lookup) answers FORBIDDEN.
  if (!nonNull) return null;
  if (!read.user) throw new UnauthenticatedError();
  throw new ForbiddenError('You may not read this');
}
