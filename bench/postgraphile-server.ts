import http from 'node:http';
import Module from 'node:module';
import path from 'node:path';

/**
 * PostGraphile 4.14 behind a bare http server, for the side-by-side runs:
 *   node dist-bench/bench/postgraphile-server.js <database-url> <port>
 *
 * The installed tree holds two copies of graphql 15 and of graphile-build (one under postgraphile,
 * one under graphile-build-pg); types built by one fail the other's instanceof checks ("Unexpected
 * input type: Int" on any argument). Resolving both names to postgraphile's copies makes it one
 * schema, without touching node_modules. Only this process is affected, never the hub.
 */
const pgDir = path.dirname(require.resolve('postgraphile/package.json'));
const aliases: [string, string][] = [
  ['graphql', path.join(pgDir, 'node_modules', 'graphql')],
  ['graphile-build', path.join(pgDir, 'node_modules', 'graphile-build')],
];
const mod = Module as unknown as { _resolveFilename(request: string, ...rest: unknown[]): string };
const resolve = mod._resolveFilename;
mod._resolveFilename = function (request: string, ...rest: unknown[]) {
  for (const [name, dir] of aliases) {
    if (request === name || request.startsWith(`${name}/`)) return resolve.call(this, dir + request.slice(name.length), ...rest);
  }
  return resolve.call(this, request, ...rest);
};

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { postgraphile } = require('postgraphile');

const [url, port] = process.argv.slice(2);
const middleware = postgraphile(url, 'public', { graphiql: false, disableQueryLog: true, retryOnInitFail: false });
http.createServer(middleware).listen(Number(port), '127.0.0.1', () => console.log(`PostGraphile listening on ${port}`));
process.on('SIGTERM', () => process.exit(0));
