import { Field, Float, Int, ObjectType } from 'type-graphql';
import { eqAny, query, Queryable, sql, Sql } from '../../database/sql';
import { overdueSql } from '../../rules/actions';

@ObjectType({ description: 'Roll-up of a set of actions: by RAG, by status, overdue on asOf, and percent complete' })
export class ActionProgress {
  @Field(() => Int) total: number;
  @Field(() => Int) red: number;
  @Field(() => Int) amber: number;
  @Field(() => Int) green: number;
  @Field(() => Int, { description: 'No RAG reported yet' }) unrated: number;
  @Field(() => Int) notStarted: number;
  @Field(() => Int) inProgress: number;
  @Field(() => Int) complete: number;
  @Field(() => Int) cancelled: number;
  @Field(() => Int, { description: 'NOT_STARTED or IN_PROGRESS and due before asOf' }) overdue: number;
  @Field(() => Int, { description: 'NOT_STARTED or IN_PROGRESS' }) open: number;

  @Field(() => Float, { nullable: true, description: 'COMPLETE over actions not CANCELLED × 100, one decimal place; null when there are none' })
  percentComplete: number | null;

  @Field({ description: 'No live actions, or under a quarter of them complete' })
  littleOrNoProgress: boolean;
}

/** Below this share of actions complete, a priority is reported as showing little or no progress. */
export const LITTLE_PROGRESS_BELOW = 25;

/** COMPLETE over actions not CANCELLED × 100, one decimal place; null when there are none. */
export function percentCompleteOf(complete: number, live: number): number | null {
  return live > 0 ? Math.round((complete * 1000) / live) / 10 : null;
}

/** No live actions, or under a quarter of them complete. */
export function littleOrNoProgress(percentComplete: number | null): boolean {
  return percentComplete === null || percentComplete < LITTLE_PROGRESS_BELOW;
}

export function emptyProgress(): ActionProgress {
  return toProgress({ total: 0, red: 0, amber: 0, green: 0, unrated: 0, not_started: 0, in_progress: 0, complete: 0, cancelled: 0, overdue: 0 });
}

interface Row {
  total: number;
  red: number;
  amber: number;
  green: number;
  unrated: number;
  not_started: number;
  in_progress: number;
  complete: number;
  cancelled: number;
  overdue: number;
}

function toProgress(r: Row): ActionProgress {
  const live = r.total - r.cancelled;
  const percentComplete = percentCompleteOf(r.complete, live);
  return {
    total: r.total,
    red: r.red,
    amber: r.amber,
    green: r.green,
    unrated: r.unrated,
    notStarted: r.not_started,
    inProgress: r.in_progress,
    complete: r.complete,
    cancelled: r.cancelled,
    overdue: r.overdue,
    open: r.not_started + r.in_progress,
    percentComplete,
    littleOrNoProgress: littleOrNoProgress(percentComplete),
  };
}

/** Where a roll-up's actions hang: the source table and the column it is grouped by. */
export interface ActionSet {
  /** `source` LEFT JOIN action a, so a group with no actions still appears. */
  from: Sql;
  /** The grouping column, e.g. the priority's plan. */
  key: Sql;
}


/** One roll-up row as the statement of progressSql returns it. */
export type ProgressRow = Row & { key: string };

/**
 * The roll-up statement of progressBy over the groups `where` picks (over the ActionSet's aliases):
 * one row per key. The executive summary nests it in its own statement and reads it with progressOf.
 */
export function progressSql(set: ActionSet, where: Sql, asOf: string): Sql {
  const { from, key } = set;
  return sql`SELECT ${key} AS key,
       count(a.id)::int AS total,
       count(a.id) FILTER (WHERE a.rag = 'RED')::int AS red,
       count(a.id) FILTER (WHERE a.rag = 'AMBER')::int AS amber,
       count(a.id) FILTER (WHERE a.rag = 'GREEN')::int AS green,
       count(a.id) FILTER (WHERE a.rag IS NULL)::int AS unrated,
       count(a.id) FILTER (WHERE a.status = 'NOT_STARTED')::int AS not_started,
       count(a.id) FILTER (WHERE a.status = 'IN_PROGRESS')::int AS in_progress,
       count(a.id) FILTER (WHERE a.status = 'COMPLETE')::int AS complete,
       count(a.id) FILTER (WHERE a.status = 'CANCELLED')::int AS cancelled,
       count(a.id) FILTER (WHERE ${overdueSql('a', asOf)})::int AS overdue
     FROM ${from}
     WHERE ${where}
     GROUP BY ${key}`;
}

/** progressSql's rows by key, every one of `ids` present (empty when it has no actions). */
export function progressOf(rows: ProgressRow[], ids: string[]): Map<string, ActionProgress> {
  const out = new Map(ids.map((id) => [id, emptyProgress()]));
  for (const r of rows) out.set(r.key, toProgress(r));
  return out;
}

/**
 * Roll-ups of actions grouped by a key, in one statement, on the pool or inside a transaction (the
 * close-review check uses the same roll-up as the figures).
 */
export async function progressBy(db: Queryable, set: ActionSet, ids: string[], asOf: string): Promise<Map<string, ActionProgress>> {
  return progressOf(await query<ProgressRow>(db, progressSql(set, sql`${set.key} ${eqAny(ids)}`, asOf)), ids);
}
