import 'reflect-metadata';
import { numberArg, parseArgs, stringArg } from './args';
import { databaseNameFor, startBenchPostgres, withDatabase } from './bench-db';
import { generateData } from './generate-data';

/** npm run bench:data -- [--seed N] [--scale national|smoke] [--database-url URL] */
async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const seed = numberArg(args, 'seed', 1);
  const scale = stringArg(args, 'scale') ?? 'national';
  let url = stringArg(args, 'database-url');
  const embedded = url ? undefined : await startBenchPostgres();
  if (embedded) {
    url = withDatabase(embedded.url, databaseNameFor(scale));
    console.log(`Embedded PostgreSQL (.data/bench-pg): ${url}`);
  }
  try {
    console.log(`Generating the ${scale} data set, seed ${seed}`);
    const meta = await generateData({ url: url!, seed, scale, recreate: !!embedded });
    const total = Object.values(meta.counts).reduce((a, b) => a + b, 0);
    for (const [table, n] of Object.entries(meta.counts)) console.log(`  ${table.padEnd(16)} ${String(n).padStart(9)}`);
    console.log(`  ${'total rows'.padEnd(16)} ${String(total).padStart(9)}`);
    console.log(`Done in ${meta.seconds} s`);
  } finally {
    await embedded?.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
