/** How much data a scale generates. National is England-sized; smoke is for CI. */
export interface Scale {
  name: string;
  /** Areas with separate children's and adults' boards. */
  pairedAreas: number;
  /** Areas with one joint LSCB/SAB. */
  jointAreas: number;
  agencies: number;
  policeForces: number;
  healthCommissioners: number;
  healthProviders: number;
  fireServices: number;
  probationRegions: number;
  membersPerBoard: number;
  subGroupsPerBoard: number;
  membersPerSubGroup: number;
  /** Months of monthly board and sub-group meetings. */
  months: number;
  actionsPerBoard: number;
  /** One agency user per agency for the first this-many agencies (regional agencies come first). */
  agencyUsers: number;
}

export const SCALES: Record<string, Scale> = {
  national: {
    name: 'national',
    pairedAreas: 60,
    jointAreas: 30,
    agencies: 3000,
    policeForces: 43,
    healthCommissioners: 42,
    healthProviders: 200,
    fireServices: 45,
    probationRegions: 12,
    membersPerBoard: 25,
    subGroupsPerBoard: 8,
    membersPerSubGroup: 8,
    months: 60,
    actionsPerBoard: 200,
    agencyUsers: 3000,
  },
  smoke: {
    name: 'smoke',
    pairedAreas: 1,
    jointAreas: 1,
    agencies: 90,
    policeForces: 1,
    healthCommissioners: 1,
    healthProviders: 3,
    fireServices: 1,
    probationRegions: 1,
    membersPerBoard: 20,
    subGroupsPerBoard: 8,
    membersPerSubGroup: 6,
    months: 12,
    actionsPerBoard: 30,
    agencyUsers: 90,
  },
};

export function scaleNamed(name: string): Scale {
  const s = SCALES[name];
  if (!s) throw new Error(`Unknown scale ${name}: use ${Object.keys(SCALES).join(' or ')}`);
  return s;
}
