import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DocumentNode, execute, GraphQLError, GraphQLFormattedError, GraphQLSchema, Kind, OperationDefinitionNode, parse, validate } from 'graphql';
import { toGraphQLError } from '../common/errors';
import { Context } from '../context';
import { webFile } from './paths';

export interface OperationError {
  message: string;
  code: string;
  field?: string;
  extensions: Record<string, unknown>;
}

export interface OperationResult<T> {
  data: T | null;
  errors: OperationError[];
}

/**
 * The web app's GraphQL operations: the documents in src/web/operations/*.graphql, parsed and
 * validated against the hub's schema once at start-up (a document that no longer fits the schema
 * stops the hub at boot, not at the first click), then executed with the signed-in user's context,
 * so the pages obey the same access rules as any other client.
 */
export class WebOperations {
  private readonly documents = new Map<string, DocumentNode>();

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly exposeInternal: boolean,
  ) {
    const dir = webFile('operations');
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.graphql')).sort()) {
      const doc = parse(readFileSync(path.join(dir, file), 'utf8'));
      const problems = validate(schema, doc);
      if (problems.length) throw new Error(`src/web/operations/${file}: ${problems.map((p) => p.message).join('; ')}`);
      // One file may hold several operations (and their fragments): each is run on its own by name.
      const fragments = doc.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION);
      for (const def of doc.definitions) {
        if (def.kind !== Kind.OPERATION_DEFINITION) continue;
        const name = (def as OperationDefinitionNode).name?.value;
        if (!name) throw new Error(`src/web/operations/${file}: every operation needs a name`);
        if (this.documents.has(name)) throw new Error(`src/web/operations/${file}: operation ${name} is defined twice`);
        this.documents.set(name, { kind: Kind.DOCUMENT, definitions: [def, ...fragments] });
      }
    }
  }

  names(): string[] {
    return [...this.documents.keys()];
  }

  async run<TData, TVariables extends Record<string, unknown> = Record<string, never>>(
    name: string,
    variables: TVariables,
    context: Context,
  ): Promise<OperationResult<TData>> {
    const document = this.documents.get(name);
    if (!document) throw new Error(`No web operation named ${name}`);
    const result = await execute({ schema: this.schema, document, variableValues: variables, contextValue: context, operationName: name });
    const errors = (result.errors ?? []).map((e) => this.format(e));
    return { data: (result.data as TData | null | undefined) ?? null, errors };
  }

  /** The same mapping Apollo's formatError applies, so codes and messages match the API's. */
  private format(error: GraphQLError): OperationError {
    const formatted: GraphQLFormattedError = toGraphQLError(error.toJSON(), error, this.exposeInternal);
    const extensions = (formatted.extensions ?? {}) as Record<string, unknown>;
    return { message: formatted.message, code: String(extensions.code ?? 'INTERNAL_SERVER_ERROR'), field: extensions.field as string | undefined, extensions };
  }
}
