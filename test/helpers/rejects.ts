import { countRows } from './factories';
import { GqlResult, TestHub } from './hub';

/**
 * A mutation that must fail with the code (and field at fault), proven to have written nothing:
 * every listed table and the audit log have the same row counts after as before.
 */
export function rejecter(hub: TestHub, tables: string[]) {
  const all = [...new Set([...tables, 'audit_log_entry'])];
  async function snapshot(): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    for (const t of all) out[t] = await countRows(hub.ds, t);
    return out;
  }
  return async function rejects(query: string, variables: Record<string, unknown>, token: string, code: string, field?: string): Promise<GqlResult> {
    const before = await snapshot();
    const res = await hub.gql(query, variables, token);
    if (res.errors?.[0]?.extensions?.code !== code || (field && res.errors?.[0]?.extensions?.field !== field)) console.log(JSON.stringify(res.errors));
    expect(res.errors?.[0]?.extensions?.code).toBe(code);
    if (field) expect(res.errors?.[0]?.extensions?.field).toBe(field);
    expect(await snapshot()).toEqual(before);
    return res;
  };
}
