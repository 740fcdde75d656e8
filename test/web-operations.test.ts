import { readFileSync } from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { Kind, validate } from 'graphql';
import { buildHubSchema } from '../src/schema';
import { WebOperations } from '../src/web/graphql';

/**
 * Issue 18: the web app's operation documents fit the schema (the hub refuses to start otherwise),
 * and the committed types in src/web/generated are what `npm run codegen` makes of them today.
 */
describe('web app operations', () => {
  it('validates every document against the schema and names each operation once', () => {
    const ops = new WebOperations(buildHubSchema(), false);
    expect(ops.names()).toEqual(expect.arrayContaining(['Me', 'SignIn', 'BoardDashboard', 'RecordAttendance', 'SaveAuditReturn', 'SubmitAuditReturn', 'ValidateAuditReturn', 'ShareAuditReturn', 'UpdateAction']));
  });

  it('runs each operation with exactly the fragments it spreads, wherever they are defined (BoardDashboard uses audit.graphql’s CycleCounts)', () => {
    const schema = buildHubSchema();
    const ops = new WebOperations(schema, false);
    for (const name of ops.names()) expect([name, validate(schema, ops.document(name)!).map((e) => e.message)]).toEqual([name, []]);
    const fragments = (name: string) => ops.document(name)!.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => (d as { name: { value: string } }).name.value);
    expect(fragments('BoardDashboard')).toContain('CycleCounts');
    expect(fragments('Me')).toEqual([]);
  });

  it('has its generated types up to date (npm run codegen)', async () => {
    const root = path.resolve(__dirname, '..');
    // In a plain node process: the CLI's dependencies are ES modules jest does not load. generate(…, false) writes nothing.
    const script = `const cli = require('@graphql-codegen/cli');
      cli.loadCodegenConfig({ configFilePath: 'codegen.yml' })
        .then(({ config }) => cli.generate({ ...config, silent: true }, false))
        .then((files) => process.stdout.write(JSON.stringify(files)))
        .catch((e) => { console.error(e); process.exit(1); });`;
    const files: { filename: string; content: string }[] = JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8', maxBuffer: 20 * 1024 * 1024 }));
    const generated = files.find((f) => f.filename.endsWith('src/web/generated/graphql.ts'));
    expect(generated).toBeDefined();
    expect(generated!.content).toBe(readFileSync(path.join(root, 'src/web/generated/graphql.ts'), 'utf8'));
  });
});
