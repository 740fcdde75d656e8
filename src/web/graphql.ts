import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ASTNode, DocumentNode, execute, FragmentDefinitionNode, GraphQLError, GraphQLFormattedError, GraphQLSchema, Kind, OperationDefinitionNode, parse, validate, visit } from 'graphql';
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
    // All files validated as one document, as GraphQL Code Generator types them: a fragment defined
    // in one file serves operations in any other (names unique across files, none unused).
    const definitions = readdirSync(dir)
      .filter((f) => f.endsWith('.graphql'))
      .sort()
      .flatMap((file) => parse(readFileSync(path.join(dir, file), 'utf8')).definitions);
    const all: DocumentNode = { kind: Kind.DOCUMENT, definitions };
    const problems = validate(schema, all);
    if (problems.length) throw new Error(`src/web/operations: ${problems.map((p) => p.message).join('; ')}`);
    const fragments = new Map(definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]));
    for (const def of definitions) {
      if (def.kind !== Kind.OPERATION_DEFINITION) continue;
      const name = def.name?.value;
      if (!name) throw new Error('src/web/operations: every operation needs a name');
      if (this.documents.has(name)) throw new Error(`src/web/operations: operation ${name} is defined twice`);
      // Each operation runs on its own, with the fragments it spreads (and theirs).
      this.documents.set(name, { kind: Kind.DOCUMENT, definitions: [def, ...fragmentsOf(def, fragments)] });
    }
  }

  /** The document an operation runs as: the operation and the fragments it spreads. */
  document(name: string): DocumentNode | undefined {
    return this.documents.get(name);
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

/** The fragments an operation spreads, directly or through other fragments. */
function fragmentsOf(operation: OperationDefinitionNode, fragments: Map<string, FragmentDefinitionNode>): FragmentDefinitionNode[] {
  const used = new Map<string, FragmentDefinitionNode>();
  const walk = (node: ASTNode) =>
    visit(node, {
      FragmentSpread(spread) {
        const name = spread.name.value;
        const fragment = fragments.get(name);
        if (!fragment || used.has(name)) return;
        used.set(name, fragment);
        walk(fragment);
      },
    });
  walk(operation);
  return [...used.values()];
}
