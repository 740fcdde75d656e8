import { ClientBase } from 'pg';
import { seededRandom } from '../../seeds/random';
import { Scale } from './scales';

/** What earlier generators created, for later ones to hang their rows on (ids only, in creation order). */
export interface World {
  areas: Area[];
  boards: BenchBoard[];
  agencies: BenchAgency[];
  /** Seats per board (agency ids), statutory partners first. */
  boardMembers: Map<string, string[]>;
  subGroups: { id: string; boardIds: string[] }[];
  /** Extension point: later domains (audits, case reviews, plans) keep their ids here. */
  extra: Record<string, unknown>;
}

export interface Area {
  index: number;
  name: string;
  joint: boolean;
  boardIds: string[];
  /** Local agencies (councils, schools, voluntary and private providers, lay members) of this area. */
  local: string[];
}

export interface BenchBoard {
  id: string;
  name: string;
  kind: 'CHILDREN' | 'ADULTS' | 'JOINT';
  area: number;
}

export interface BenchAgency {
  id: string;
  name: string;
  sector: string;
}

export interface GenContext {
  client: ClientBase;
  seed: number;
  scale: Scale;
  /** The last day of the generated history (fixed, so a seed gives the same data every day). */
  until: string;
  /** The first day of the generated history. */
  since: string;
  rand: () => number;
  uuid: () => string;
  world: World;
  /** Rows written per table, for the report. */
  counts: Record<string, number>;
}

export function createContext(client: ClientBase, seed: number, scale: Scale, until: string): GenContext {
  const rand = seededRandom(seed);
  return {
    client,
    seed,
    scale,
    until,
    since: addMonths(until, -scale.months),
    rand,
    uuid: () => seededUuid(rand),
    world: { areas: [], boards: [], agencies: [], boardMembers: new Map(), subGroups: [], extra: {} },
    counts: {},
  };
}

/** A version-4 shaped uuid drawn from the seeded generator, so ids repeat with the seed. */
function seededUuid(rand: () => number): string {
  const b: number[] = [];
  for (let i = 0; i < 16; i++) b.push(Math.floor(rand() * 256));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = b.map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export function pick<T>(rand: () => number, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)];
}

export function intBetween(rand: () => number, min: number, max: number): number {
  return min + Math.floor(rand() * (max - min + 1));
}

/** Fisher-Yates on a copy. */
export function shuffled<T>(rand: () => number, items: readonly T[]): T[] {
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function addMonths(date: string, months: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86400000);
}

const FIRST = ['Alex', 'Sam', 'Priya', 'Tom', 'Aisha', 'Gareth', 'Helen', 'Mohammed', 'Ruth', 'Kieran', 'Joanne', 'David', 'Fiona', 'Imran', 'Claire', 'Owen'];
const LAST = ['Smith', 'Patel', 'Jones', 'Khan', 'Williams', 'Brown', 'Taylor', 'Davies', 'Evans', 'Wilson', 'Hughes', 'Ali', 'Walker', 'Wright', 'Green', 'Hall'];

export function personName(rand: () => number): string {
  return `${pick(rand, FIRST)} ${pick(rand, LAST)}`;
}
