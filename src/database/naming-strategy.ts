import { DefaultNamingStrategy, NamingStrategyInterface, Table, View } from 'typeorm';

function snake(s: string): string {
  return s
    .replace(/([a-z\d])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z\d]+)/g, '$1_$2')
    .toLowerCase();
}

/**
 * PostgreSQL's own name for an unnamed constraint or index: `<table>_<columns>_<label>`, the longer
 * part shortened first when it would pass 63 characters (makeObjectName in PostgreSQL's source).
 */
export function postgresObjectName(tableOrName: Table | View | string, columnNames: string[], label: string): string {
  let table = (typeof tableOrName === 'string' ? tableOrName : tableOrName.name).split('.').pop()!;
  let columns = columnNames.join('_');
  const available = 63 - label.length - 1 - (columns ? 1 : 0);
  while (table.length + columns.length > available) {
    if (table.length > columns.length) table = table.slice(0, -1);
    else columns = columns.slice(0, -1);
  }
  return [table, columns, label].filter(Boolean).join('_');
}

/** Entities are camelCase in TypeScript; every table and column is snake_case in PostgreSQL. */
export class SnakeNamingStrategy extends DefaultNamingStrategy implements NamingStrategyInterface {
  tableName(className: string, customName?: string): string {
    return customName ?? snake(className);
  }
  columnName(propertyName: string, customName: string | undefined, prefixes: string[]): string {
    return snake(prefixes.concat('').join('_')) + (customName ?? snake(propertyName));
  }
  // Keys, uniques, foreign keys and indexes get the names PostgreSQL gives them when a migration
  // leaves them unnamed, so generated migrations name things the way the hand-written ones did.
  // Entities still name each one explicitly (the test in test/schema-agreement.test.ts holds them
  // to the migrated database); check constraints and expression indexes must be named by hand.
  primaryKeyName(tableOrName: Table | string): string {
    return postgresObjectName(tableOrName, [], 'pkey');
  }
  uniqueConstraintName(tableOrName: Table | string, columnNames: string[]): string {
    return postgresObjectName(tableOrName, columnNames, 'key');
  }
  foreignKeyName(tableOrName: Table | string, columnNames: string[]): string {
    return postgresObjectName(tableOrName, columnNames, 'fkey');
  }
  indexName(tableOrName: Table | View | string, columnNames: string[]): string {
    return postgresObjectName(tableOrName, columnNames, 'idx');
  }
  relationName(propertyName: string): string {
    return snake(propertyName);
  }
  joinColumnName(relationName: string, referencedColumnName: string): string {
    return snake(relationName + '_' + referencedColumnName);
  }
  joinTableName(firstTableName: string, secondTableName: string, firstPropertyName: string): string {
    return snake(firstTableName + '_' + firstPropertyName.replace(/\./gi, '_'));
  }
  joinTableColumnName(tableName: string, propertyName: string, columnName?: string): string {
    return snake(tableName + '_' + (columnName ?? propertyName));
  }
}
