const RATING = { M: 'MET', P: 'PARTIALLY_MET', N: 'NOT_MET', X: 'NOT_APPLICABLE' } as const;

/**
 * Assessments for standards 1, 2, ... from a string such as "MMMMMPNX" (M, P, N, X for not
 * applicable, - for no rating yet); P and N get the improvement action they need to submit.
 */
export function answers(ratings: string, dueOn = '2030-03-31') {
  return [...ratings].map((r, i) => ({
    standardCode: String(i + 1),
    rating: r === '-' ? null : RATING[r as keyof typeof RATING],
    evidence: `Evidence for standard ${i + 1}`,
    actions: r === 'P' || r === 'N' ? [{ description: `Improve standard ${i + 1}`, dueOn }] : [],
  }));
}
