import 'reflect-metadata';
import { numberArg, parseArgs, stringArg } from './args';
import { databaseNameFor, startBenchPostgres, withDatabase } from './bench-db';
import { generateData } from './generate-data';

/**
 * npm run bench:data -- [--seed N] [--scale national|smoke] [--history-years N] [--database-url URL]
 * --history-years 10: twice the national history (5 years) in its own database, hub_bench_10y.
 */
async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const seed = numberArg(args, 'seed', 1);
  const scale = stringArg(args, 'scale') ?? 'national';
  const historyYears = args.has('history-years') ? numberArg(args, 'history-years', 0) : undefined;
  let url = stringArg(args, 'database-url');
  const embedded = url ? undefined : await startBenchPostgres();
  if (embedded) {
    url = withDatabase(embedded.url, databaseNameFor(scale, historyYears));
    console.log(`Embedded PostgreSQL (.data/bench-pg): ${url}`);
  }
  try {
    console.log(`Generating the ${scale} data set${historyYears ? ` with ${historyYears} years of history` : ''}, seed ${seed}`);
    const meta = await generateData({ url: url!, seed, scale, historyYears, recreate: !!embedded });
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
