import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
}

export interface ProfileSummary {
  busyMs: number;
  idleMs: number;
  byPackage: { name: string; ms: number; share: number }[];
  topFunctions: { name: string; where: string; ms: number; share: number }[];
}

/** Which part of the stack a frame belongs to: a package, the hub's own code, node internals, or V8. */
function owner(url: string, fn: string): string {
  if (!url) return fn.startsWith('(') ? fn : '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  if (url.startsWith('node:')) return 'node internals';
  if (url.includes('/dist/')) return 'hub code';
  return url;
}

/** Self time per function and per package from a .cpuprofile written by `node --cpu-prof`. */
export function summariseProfile(file: string, top = 15): ProfileSummary {
  const p: CpuProfile = JSON.parse(readFileSync(file, 'utf8'));
  const perSample = (p.endTime - p.startTime) / 1000 / Math.max(1, p.samples.length);
  const hits = new Map<number, number>();
  for (const s of p.samples) hits.set(s, (hits.get(s) ?? 0) + 1);
  const byFn = new Map<string, { name: string; where: string; ms: number }>();
  const byPkg = new Map<string, number>();
  let idleMs = 0;
  for (const n of p.nodes) {
    const ms = (hits.get(n.id) ?? 0) * perSample;
    if (!ms) continue;
    const { functionName, url, lineNumber } = n.callFrame;
    if (functionName === '(idle)') {
      idleMs += ms;
      continue;
    }
    const pkg = owner(url, functionName);
    byPkg.set(pkg, (byPkg.get(pkg) ?? 0) + ms);
    const where = url ? `${url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*\/dist\//, 'dist/')}:${lineNumber + 1}` : '';
    const key = `${functionName}|${where}`;
    const e = byFn.get(key) ?? { name: functionName || '(anonymous)', where, ms: 0 };
    e.ms += ms;
    byFn.set(key, e);
  }
  const busyMs = [...byPkg.values()].reduce((a, b) => a + b, 0);
  const share = (ms: number) => Math.round((ms / busyMs) * 1000) / 10;
  return {
    busyMs: Math.round(busyMs),
    idleMs: Math.round(idleMs),
    byPackage: [...byPkg].map(([name, ms]) => ({ name, ms: Math.round(ms), share: share(ms) })).sort((a, b) => b.ms - a.ms).slice(0, top),
    topFunctions: [...byFn.values()].sort((a, b) => b.ms - a.ms).slice(0, top).map((f) => ({ ...f, ms: Math.round(f.ms), share: share(f.ms) })),
  };
}

export function profileMarkdown(s: ProfileSummary): string {
  return [
    `CPU busy ${s.busyMs} ms, idle ${s.idleMs} ms.`,
    '',
    '| self time by package | ms | % of busy |',
    '|---|---:|---:|',
    ...s.byPackage.map((x) => `| ${x.name} | ${x.ms} | ${x.share} |`),
    '',
    '| top self-time functions | where | ms | % of busy |',
    '|---|---|---:|---:|',
    ...s.topFunctions.map((x) => `| ${x.name} | ${x.where} | ${x.ms} | ${x.share} |`),
  ].join('\n');
}
