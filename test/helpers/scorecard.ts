import { TestHub } from './hub';

/** An indicator key unique across the run (keys are global). */
export function key(name: string): string {
  return `${name}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
}

/** GraphQL calls for the scorecard tests, as one signed-in user; every call must succeed. */
export function scorecardApi(hub: TestHub, token: string) {
  const run = async (q: string, v: Record<string, unknown>) => {
    const res = await hub.gql(q, v, token);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return Object.values(res.data)[0] as any;
  };
  return {
    run,
    define: (i: Record<string, unknown>) =>
      run(`mutation($i: DefineIndicatorInput!) { defineIndicator(input: $i) { id key version } }`, {
        i: { frequency: 'QUARTER', audience: 'CHILDREN', definition: 'As defined nationally', title: `Indicator ${i.key}`, ...i },
      }),
    addToDataSet: (i: Record<string, unknown>) => run(`mutation($i: AddToDataSetInput!) { addToDataSet(input: $i) { id position } }`, { i }),
    setBenchmark: (i: Record<string, unknown>) => run(`mutation($i: SetBenchmarkInput!) { setBenchmark(input: $i) { id } }`, { i }),
    save: (i: Record<string, unknown>) => run(`mutation($i: SaveObservationInput!) { saveObservation(input: $i) { id status revision value denominator } }`, { i }),
    submit: (observationId: string) => run(`mutation($i: ObservationChangeInput!) { submitObservation(input: $i) { id status revision } }`, { i: { observationId } }),
    validate: (observationId: string) => run(`mutation($i: ObservationChangeInput!) { validateObservation(input: $i) { id status revision } }`, { i: { observationId } }),
    /** Save, submit and validate one value (a coordinator entering it on the agency's behalf). */
    async enter(i: Record<string, unknown>) {
      const o = await this.save(i);
      await this.submit(o.id);
      return this.validate(o.id);
    },
    import: (boardId: string, csv: string, dryRun: boolean) =>
      run(`mutation($b: ID!, $c: String!, $d: Boolean!) { importObservations(boardId: $b, csv: $c, dryRun: $d) { dryRun rows imported problems { line field message } } }`, { b: boardId, c: csv, d: dryRun }),
    scorecard: (boardId: string, periodEnd: string) =>
      run(
        `query($b: ID!, $e: LocalDate!) { scorecard(boardId: $b, periodEnd: $e) { periodStart periodEnd
          rows { indicator { key } periodTo newData value previous yearEnd target england statNeighbours quartile directionOfTravel directionFromYearEnd rag exception suppressed publishedValue }
          summary { measures withNewData improved noChange declined notComparable red amber green exceptions sentence }
          completeness { agency { id name } due missing missingIndicators } } }`,
        { b: boardId, e: periodEnd },
      ),
  };
}
