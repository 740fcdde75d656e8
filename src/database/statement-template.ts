import { Sql } from './sql';

/** A statement as query() sends it. */
export interface Statement {
  readonly text: string;
  readonly values: unknown[];
}

/** Stands for the id while a template is built; only values equal to it are replaced. */
const SLOT = '00000000-0000-4000-8000-5107000000d0';

/**
 * Statements that differ from call to call only in one id (a board's): built once for each
 * combination of the other arguments (the last `keep` of them), then filled in per call. The
 * executive summary's statement is about 26,000 characters and 50 values from a dozen modules'
 * fragments: building it and joining its text each time it was read cost about 0.4 ms of the hub's
 * CPU per request, more than parsing its answer.
 */
export function byIdTemplate<A extends string[]>(build: (id: string, ...args: A) => Sql, keep = 16): (id: string, ...args: A) => Statement {
  const templates = new Map<string, { text: string; values: unknown[]; slots: number[] }>();
  return (id, ...args) => {
    const key = args.join('\u0000');
    let t = templates.get(key);
    if (!t) {
      const q = build(SLOT, ...args);
      const text = q.text;
      // The id must reach the statement as a value of its own, never inside text or another value.
      if (text.includes(SLOT) || q.values.some((v) => v !== SLOT && JSON.stringify(v)?.includes(SLOT))) throw new Error('byIdTemplate: the id is not a plain value of the statement');
      t = { text, values: q.values, slots: q.values.flatMap((v, i) => (v === SLOT ? [i] : [])) };
      if (templates.size >= keep) templates.delete(templates.keys().next().value!);
      templates.set(key, t);
    }
    const values = t.values.slice();
    for (const i of t.slots) values[i] = id;
    return { text: t.text, values };
  };
}
