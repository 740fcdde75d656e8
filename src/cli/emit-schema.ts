import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { printHubSchema } from '../schema';

const target = path.resolve(__dirname, '../../schema/schema.graphql');
writeFileSync(target, printHubSchema());
console.log(`wrote ${target}`);
