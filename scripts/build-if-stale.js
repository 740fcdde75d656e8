#!/usr/bin/env node
// `npm start` runs this first: it compiles only when a source is newer than the last build, so a
// built tree starts in a few seconds. `npm run build` always compiles from scratch.
'use strict';
const { execFileSync } = require('node:child_process');
const { existsSync, readdirSync, rmSync, statSync, writeFileSync } = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const stamp = path.join(root, 'dist', '.build-stamp');
// test/ is compiled too (tsconfig), but a change there does not change what runs.
const inputs = ['src', 'migrations', 'seeds', 'ormconfig.ts', 'tsconfig.json', 'package.json', 'package-lock.json'];

function newest(p) {
  if (!existsSync(p)) return 0;
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = st.mtimeMs; // a deleted file changes its directory's mtime
  for (const entry of readdirSync(p)) max = Math.max(max, newest(path.join(p, entry)));
  return max;
}

function stale() {
  if (!existsSync(stamp) || !existsSync(path.join(root, 'dist', 'src', 'index.js'))) return 'no build yet';
  const built = statSync(stamp).mtimeMs;
  const changed = inputs.find((i) => newest(path.join(root, i)) > built);
  return changed ? `${changed} changed since the last build` : null;
}

const why = process.argv.includes('--force') ? 'forced' : stale();
if (!why) {
  console.log('build: dist/ is up to date');
} else {
  console.log(`build: compiling (${why})`);
  const started = Date.now();
  rmSync(path.join(root, 'dist'), { recursive: true, force: true });
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.json')], { cwd: root, stdio: 'inherit' });
  // The web app's templates, operation documents and static files are read at run time beside its code.
  for (const dir of ['views', 'operations', 'public']) {
    require('node:fs').cpSync(path.join(root, 'src', 'web', dir), path.join(root, 'dist', 'src', 'web', dir), { recursive: true });
  }
  writeFileSync(stamp, new Date(started).toISOString() + '\n');
  // The stamp's time is when compiling began: a file saved during the build makes the next start compile again.
  const t = started / 1000;
  require('node:fs').utimesSync(stamp, t, t);
  console.log(`build: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
