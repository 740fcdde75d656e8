/** Minimal `--flag value` / `--flag` parser for the bench CLIs (no dependency). */
export function parseArgs(argv: string[]): Map<string, string | true> {
  const out = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) throw new Error(`Unexpected argument ${a}`);
    const [key, inline] = a.slice(2).split('=', 2);
    if (inline !== undefined) out.set(key, inline);
    else if (argv[i + 1] !== undefined && !argv[i + 1].startsWith('--')) out.set(key, argv[++i]);
    else out.set(key, true);
  }
  return out;
}

export function stringArg(args: Map<string, string | true>, key: string): string | undefined {
  const v = args.get(key);
  if (v === true) throw new Error(`--${key} needs a value`);
  return v;
}

export function numberArg(args: Map<string, string | true>, key: string, fallback: number): number {
  const v = stringArg(args, key);
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new Error(`--${key} must be a number`);
  return n;
}
