import 'reflect-metadata';
import { GraphQLID, GraphQLList, GraphQLNonNull, GraphQLObjectType, GraphQLSchema, GraphQLString, graphql, isObjectType } from 'graphql';
import { guardSchema } from '../src/access/guard';
import { readPolicy } from '../src/access/policy';
import { buildHubSchema } from '../src/schema';

/**
 * The read policy covers the schema: a new object type without a decision stops the schema from
 * building, and a decision per type is listed here, so a diff in this snapshot changes who reads what
 * (the spirit of Twenty's endpoint permission declarations).
 */
describe('read policy', () => {
  it('names every object type of the schema, and nothing the schema lacks', () => {
    const schema = buildHubSchema();
    const types = Object.values(schema.getTypeMap())
      .filter((t) => isObjectType(t) && !t.name.startsWith('__') && t !== schema.getQueryType() && t !== schema.getMutationType())
      .map((t) => t.name)
      .sort();
    expect(Object.keys(readPolicy).sort()).toEqual(types);
  });

  it('lists the decision for each type (a change here changes who may read what)', () => {
    const decisions = Object.fromEntries(
      Object.entries(readPolicy)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([type, rule]) => [type, rule.kind === 'partOf' ? `part of ${rule.parent}` : rule.kind === 'entity' ? `entity: ${rule.read.toString()}` : rule.kind]),
    );
    expect(decisions).toMatchSnapshot();
  });

  it('refuses to build a schema with an object type the policy does not name', () => {
    const Secret = new GraphQLObjectType({ name: 'Secret', fields: { id: { type: GraphQLID } } });
    const schema = new GraphQLSchema({ query: new GraphQLObjectType({ name: 'Query', fields: { secret: { type: Secret } } }) });
    expect(() => guardSchema(schema, {})).toThrow(/No read policy for GraphQL type\(s\) Secret/);
  });

  it('drops denied items from lists, nulls a denied nullable edge and refuses a denied non-null one', async () => {
    const Thing = new GraphQLObjectType({ name: 'Thing', fields: { id: { type: GraphQLString } } });
    const things = [{ id: 'mine' }, { id: 'theirs' }];
    const schema = guardSchema(
      new GraphQLSchema({
        query: new GraphQLObjectType({
          name: 'Query',
          fields: {
            list: { type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(Thing))), resolve: () => things },
            maybe: { type: Thing, resolve: () => things[1] },
            must: { type: new GraphQLNonNull(Thing), resolve: () => things[1] },
          },
        }),
      }),
      { Thing: { kind: 'entity', read: (t) => t.id === 'mine' } },
    );
    const read = { user: { id: 'u' } };
    const res = await graphql({ schema, source: '{ list { id } maybe { id } }', contextValue: { read } });
    expect(res).toEqual({ data: { list: [{ id: 'mine' }], maybe: null } });
    const refused = await graphql({ schema, source: '{ must { id } }', contextValue: { read } });
    expect(refused.data).toBeNull();
    expect((refused.errors![0].originalError as any).code).toBe('FORBIDDEN');
    // Nobody signed in reads no entity at all.
    const anonymous = await graphql({ schema, source: '{ list { id } }', contextValue: { read: { user: null } } });
    expect(anonymous.data).toEqual({ list: [] });
  });
});
