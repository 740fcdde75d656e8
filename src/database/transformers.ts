import { ValueTransformer } from 'typeorm';

/** pg returns numeric as a string to keep precision; our thresholds fit a double easily. */
export const numericTransformer: ValueTransformer = {
  to: (v: number | null | undefined) => v,
  from: (v: string | null) => (v === null || v === undefined ? v : Number(v)),
};
