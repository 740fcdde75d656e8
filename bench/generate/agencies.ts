import { bulkInsert } from '../bulk-insert';
import { Area, BenchAgency, GenContext, pick } from './context';

const PLACES = ['Blackpool', 'Leeds', 'Leicestershire', 'Rutland', 'Lancashire', 'Cumbria', 'Durham', 'Kent', 'Devon', 'Norfolk', 'Suffolk', 'Essex', 'Surrey', 'Dorset', 'Wiltshire', 'Cheshire', 'Derbyshire', 'Nottingham', 'Lincolnshire', 'Shropshire', 'Somerset', 'Cornwall', 'Hampshire', 'Sefton', 'Wirral', 'Bradford', 'Sheffield', 'Coventry', 'Bristol', 'Plymouth'];
const QUARTERS = ['', ' North', ' South', ' East', ' West', ' Central'];
const LOCAL_KINDS: [string, string][] = [
  ['EDUCATION', 'Academy Trust'],
  ['EDUCATION', 'College'],
  ['VOLUNTARY', 'Young People’s Service'],
  ['VOLUNTARY', 'Carers Network'],
  ['VOLUNTARY', 'Domestic Abuse Service'],
  ['PRIVATE_PROVIDER', 'Care Homes Group'],
  ['PRIVATE_PROVIDER', 'Home Care Ltd'],
  ['OTHER', 'Housing Association'],
  ['LAY_MEMBER', 'Lay Member'],
];

export function areaName(i: number): string {
  return `${PLACES[i % PLACES.length]}${QUARTERS[Math.floor(i / PLACES.length) % QUARTERS.length]}${i >= PLACES.length * QUARTERS.length ? ` ${i}` : ''}`;
}

/** Regional agencies that sit on several boards, each with the areas it covers. */
export interface Regional {
  police: { id: string; areas: number[] }[];
  commissioners: { id: string; areas: number[] }[];
  providers: { id: string; areas: number[] }[];
  fire: { id: string; areas: number[] }[];
  probation: { id: string; areas: number[] }[];
  cafcass: string;
  /** Per area: council children's and adults' services, youth justice service, district councils. */
  council: Map<number, { children: string; adults: string; youthJustice: string; districts: string[] }>;
}

/**
 * The agency directory: police forces, NHS commissioners and trusts, fire, probation and CAFCASS
 * cover several areas (so they sit on several boards); councils per area; the rest is a local pool
 * (schools, voluntary and private providers, lay members) filling up to the scale's agency count.
 */
export async function generateAgencies(ctx: GenContext, areas: Area[]): Promise<Regional> {
  const { rand, scale, world } = ctx;
  const add = (name: string, sector: string): string => {
    const a: BenchAgency = { id: ctx.uuid(), name, sector };
    world.agencies.push(a);
    return a.id;
  };
  const covering = (n: number, label: (i: number) => string, sector: string, extra = 0) =>
    Array.from({ length: n }, (_, i) => {
      const covered = areas.filter((a) => a.index % n === i).map((a) => a.index);
      // Some regional agencies reach one area further (a trust serving a neighbouring district).
      for (let k = 0; k < extra; k++) covered.push((covered[covered.length - 1] + 1) % areas.length);
      return { id: add(label(i), sector), areas: [...new Set(covered)] };
    });
  const police = covering(scale.policeForces, (i) => `${areaName(i)} Police`, 'POLICE');
  const commissioners = covering(scale.healthCommissioners, (i) => `NHS ${areaName(i)} Integrated Care Board`, 'HEALTH_COMMISSIONER');
  const providers = Array.from({ length: scale.healthProviders }, (_, i) => {
    const first = i % areas.length;
    const reach = areas[first].joint ? 2 : 1; // 2-3 boards either way
    const covered = Array.from({ length: reach }, (_, k) => (first + k) % areas.length);
    const kind = pick(rand, ['Hospitals', 'Community Health', 'Mental Health', 'Ambulance Service']);
    return { id: add(`${areaName(first)} ${kind} NHS Trust ${i + 1}`, 'HEALTH_PROVIDER'), areas: [...new Set(covered)] };
  });
  const fire = covering(scale.fireServices, (i) => `${areaName(i)} Fire and Rescue Service`, 'FIRE_AND_RESCUE');
  const probation = covering(scale.probationRegions, (i) => `Probation Service Region ${i + 1}`, 'PROBATION');
  const cafcass = add('CAFCASS', 'CAFCASS');
  const council: Regional['council'] = new Map();
  for (const a of areas) {
    council.set(a.index, {
      children: add(`${a.name} Council Children’s Services`, 'LOCAL_AUTHORITY_CHILDREN'),
      adults: add(`${a.name} Council Adult Social Care`, 'LOCAL_AUTHORITY_ADULTS'),
      youthJustice: add(`${a.name} Youth Justice Service`, 'YOUTH_JUSTICE'),
      districts: [add(`${a.name} District Council`, 'LOCAL_AUTHORITY_OTHER'), add(`${a.name} Borough Council`, 'LOCAL_AUTHORITY_OTHER')],
    });
  }
  const remaining = Math.max(0, scale.agencies - world.agencies.length);
  for (let i = 0; i < remaining; i++) {
    const area = areas[i % areas.length];
    const [sector, kind] = LOCAL_KINDS[Math.floor(i / areas.length) % LOCAL_KINDS.length];
    area.local.push(add(`${area.name} ${kind} ${Math.floor(i / areas.length) + 1}`, sector));
  }
  ctx.counts.agency = await bulkInsert(
    ctx.client,
    'agency',
    [
      { name: 'id', type: 'uuid' },
      { name: 'name', type: 'text' },
      { name: 'sector', type: 'text', cast: 'sector' },
    ],
    world.agencies.map((a) => [a.id, a.name, a.sector]),
  );
  return { police, commissioners, providers, fire, probation, cafcass, council };
}
