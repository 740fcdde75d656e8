import 'reflect-metadata';
import { defaultFieldResolver, GraphQLSchema, isObjectType, lexicographicSortSchema, printSchema } from 'graphql';
import { buildSchemaSync } from 'type-graphql';
import { assertWellFormedText } from './common/validation';
import { guardSchema } from './access/guard';
import { resolvers } from './resolvers';

let cached: GraphQLSchema | undefined;

export function buildHubSchema(): GraphQLSchema {
  // validate: true runs class-validator on every input; type-graphql 2 leaves it off by default.
  // The read guard wraps every field that returns an object: see src/access/guard.ts. The text guard
  // wraps outside it, so malformed text is refused before anything runs.
  cached ??= guardTextArguments(guardSchema(buildSchemaSync({ resolvers, validate: { forbidUnknownValues: false }, emitSchemaFile: false })));
  return cached;
}

/**
 * Every field that takes arguments first refuses text with a NUL byte or a lone surrogate
 * (BAD_USER_INPUT naming the field), so no service sees it and nothing is written. Fields without
 * arguments are left alone: they are most of the schema and have nothing to check.
 */
function guardTextArguments(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      if (!field.args.length) continue;
      const resolve = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args, context, info) => {
        assertWellFormedText(args);
        return resolve(source, args, context, info);
      };
    }
  }
  return schema;
}

/** The committed schema/schema.graphql is this text; a test fails when they differ. */
export function printHubSchema(): string {
  return printSchema(lexicographicSortSchema(buildHubSchema())) + '\n';
}
