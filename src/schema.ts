import 'reflect-metadata';
import { GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { buildSchemaSync } from 'type-graphql';
import { guardSchema } from './access/guard';
import { resolvers } from './resolvers';

let cached: GraphQLSchema | undefined;

export function buildHubSchema(): GraphQLSchema {
  // validate: true runs class-validator on every input; type-graphql 2 leaves it off by default.
  // The read guard wraps every field that returns an object: see src/access/guard.ts.
  cached ??= guardSchema(buildSchemaSync({ resolvers, validate: { forbidUnknownValues: false }, emitSchemaFile: false }));
  return cached;
}

/** The committed schema/schema.graphql is this text; a test fails when they differ. */
export function printHubSchema(): string {
  return printSchema(lexicographicSortSchema(buildHubSchema())) + '\n';
}
