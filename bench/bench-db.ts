import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { EmbeddedDatabase, startEmbeddedPostgres } from '../src/database/embedded';
import { defaultHistoryYears, scaleNamed } from './generate/scales';

/** The benchmark's own embedded PostgreSQL, kept between `bench:data` and `bench`. */
export const BENCH_DATA_DIR = path.resolve('.data');
export const BENCH_PG_DIR = path.join(BENCH_DATA_DIR, 'bench-pg');
const META_FILE = path.join(BENCH_DATA_DIR, 'bench-data.json');

/**
 * The database each scale lives in, so a CI smoke run never replaces the national data set; a
 * history other than the scale's own gets its own database too (`hub_bench_10y`), so the national
 * set and the one with twice its history sit side by side.
 */
export function databaseNameFor(scale: string, historyYears?: number): string {
  const base = scale === 'national' ? 'hub_bench' : `hub_bench_${scale}`;
  const own = historyYears === undefined || historyYears === defaultHistoryYears(scaleNamed(scale));
  return own ? base : `${base}_${historyYears}y`;
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export function databaseOf(url: string): string {
  return new URL(url).pathname.slice(1);
}

export function startBenchPostgres(): Promise<EmbeddedDatabase> {
  return startEmbeddedPostgres(BENCH_PG_DIR);
}

/** What bench:data wrote, per database name: the runner checks it before it measures anything. */
export interface DataSetMeta {
  database: string;
  scale: string;
  seed: number;
  /** Years of history up to `until` (absent in metadata written before the option existed: the scale's own). */
  historyYears?: number;
  until: string;
  generatedAt: string;
  seconds: number;
  counts: Record<string, number>;
}

export function readMeta(): Record<string, DataSetMeta> {
  return existsSync(META_FILE) ? JSON.parse(readFileSync(META_FILE, 'utf8')) : {};
}

export function writeMeta(meta: DataSetMeta): void {
  mkdirSync(BENCH_DATA_DIR, { recursive: true });
  writeFileSync(META_FILE, JSON.stringify({ ...readMeta(), [meta.database]: meta }, null, 2));
}
