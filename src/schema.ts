import 'reflect-metadata';
import { defaultFieldResolver, getNamedType, GraphQLSchema, isObjectType, lexicographicSortSchema, printSchema } from 'graphql';
import { getMetadataStorage as getValidatorMetadata, validateOrReject, ValidationError, ValidationTypes, ValidatorOptions } from 'class-validator';
import { ArgumentValidationError, buildSchemaSync, getMetadataStorage } from 'type-graphql';
import { assertWellFormedText } from './common/validation';
import { guardSchema } from './access/guard';
import { prefetchedEdges } from './common/prefetched';
import { resolvers } from './resolvers';

let cached: GraphQLSchema | undefined;

export function buildHubSchema(): GraphQLSchema {
  // Every argument object goes through class-validator (validateArgument); type-graphql 2 leaves it off by default.
  // The read guard wraps every field that returns an object: see src/access/guard.ts. The text guard
  // wraps outside it, so malformed text is refused before anything runs.
  cached ??= guardTextArguments(guardSchema(answerPrefetchedEdges(plainFieldsReadDirectly(buildSchemaSync({ resolvers, validateFn: validateArgument, emitSchemaFile: false })))));
  return cached;
}

/** type-graphql's own settings for class-validator when `validate` is an object (validate-arg.js). */
const VALIDATOR_OPTIONS: ValidatorOptions = { skipMissingProperties: true, forbidUnknownValues: false };
const isObject = (v: unknown): v is object => v !== null && typeof v === 'object';

/**
 * What type-graphql does with `validate: { forbidUnknownValues: false }`: each argument object (or
 * each object of an array) through class-validator, failures as ArgumentValidationError (which
 * src/common/errors.ts maps to BAD_USER_INPUT). Its own version require()s class-validator again
 * on every argument it validates, and Node resolves the module's path each time: 2 to 5% of a
 * nested read's CPU (issue 17's perf profile).
 */
async function validateArgument(value: unknown): Promise<void> {
  if (!isObject(value)) return;
  try {
    if (Array.isArray(value)) await Promise.all(value.filter(isObject).filter(hasConstraints).map((v) => validateOrReject(v, VALIDATOR_OPTIONS)));
    else if (hasConstraints(value)) await validateOrReject(value, VALIDATOR_OPTIONS);
  } catch (errors) {
    throw new ArgumentValidationError(errors as ValidationError[]);
  }
}

/**
 * Whether class-validator has any rule for an object's class (nested ones included: @ValidateNested
 * is a rule too; @IsOptional alone is only a condition on the others). Without one,
 * validateOrReject finds nothing to check, yet it looks the class's rules up each time: about 1.5%
 * of a partnershipStatus read's CPU for its `attendance(from, to)` and `summary(asOf)` arguments
 * (issue 17). Every decorator has run by the time a request arrives, so the answer per class is kept.
 */
const constrained = new Map<unknown, boolean>();
function hasConstraints(value: object): boolean {
  const target = value.constructor;
  let has = constrained.get(target);
  if (has === undefined) {
    // @IsOptional alone (a condition for the other rules) checks nothing.
    has = getValidatorMetadata()
      .getTargetValidationMetadatas(target, '', false, false)
      .some((m) => m.type !== ValidationTypes.CONDITIONAL_VALIDATION);
    constrained.set(target, has);
  }
  return has;
}

/**
 * type-graphql gives every plain `@Field` a resolver of its own, which runs the field's middlewares
 * (the hub has none) and then reads the property. Under graphql-jit a field without a resolver is a
 * property read compiled into the query; with one it is a call and a resolve-info object per field
 * of every object in the answer (about a thousand for one page of meetings with their registers:
 * issue 17). So a field whose type-graphql metadata says it is only that read (no field resolver,
 * the same name in the schema as on the class, no middlewares, no roles) is left to the default
 * resolver, which reads the same property (getters included). Anything else keeps its resolver.
 */
function plainFieldsReadDirectly(schema: GraphQLSchema): GraphQLSchema {
  const storage = getMetadataStorage();
  for (const objectType of storage.objectTypes) {
    const type = schema.getType(objectType.name);
    if (!isObjectType(type)) continue;
    const fields = type.getFields();
    // The class and the classes it extends (their fields are this type's fields too).
    const chain: unknown[] = [];
    for (let c: unknown = objectType.target; c && c !== Function.prototype; c = Object.getPrototypeOf(c)) chain.push(c);
    const resolved = new Set(storage.fieldResolvers.filter((r) => chain.includes(r.getObjectType?.())).map((r) => r.methodName));
    for (const meta of storage.fields) {
      if (!chain.includes(meta.target) || resolved.has(meta.name) || meta.name !== meta.schemaName) continue;
      if (meta.middlewares?.length || meta.roles?.length || meta.params?.length) continue;
      const field = fields[meta.schemaName];
      if (field) field.resolve = undefined;
    }
  }
  return schema;
}

/**
 * An argument-free field returning objects answers from the edges a look-ahead read for its source
 * object (src/common/prefetched.ts) when there are some, else from its resolver. Inside the read
 * guard, which decides on whatever either returns.
 */
function answerPrefetchedEdges(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__') || type === schema.getQueryType() || type === schema.getMutationType()) continue;
    for (const field of Object.values(type.getFields())) {
      if (field.args.length || !isObjectType(getNamedType(field.type))) continue;
      const resolve = field.resolve ?? defaultFieldResolver;
      const name = field.name;
      field.resolve = (source, args, context, info) => {
        const value = prefetchedEdges(source)?.[name];
        return value !== undefined ? value : resolve(source, args, context, info);
      };
    }
  }
  return schema;
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
