import { DataSource } from 'typeorm';
import { Access } from '../../access/access';
import { UserRole } from '../../common/enums';
import { ConflictError } from '../../common/errors';
import { MutationRunner } from '../../common/mutation';
import { decodeCursor, Page, toPage } from '../../common/pagination';
import { assertFound, assertUuidOrNotFound, requireText } from '../../common/validation';
import { rowJson } from '../../database/hydrate';
import { sql, Sql } from '../../database/sql';
import { Agency } from './agency.entity';
import { AgenciesArgs, CreateAgencyInput } from './agency.inputs';

/**
 * The agency directory (names and sectors) is readable by every signed-in user, since coordinators
 * pick partners from it; what an agency did (returns, actions, attendance) is checked where it is read.
 */
export class AgencyService {
  constructor(private readonly ds: DataSource, private readonly mutations: MutationRunner) {}

  /**
   * The agencies of some ids (a statement selecting one column) as a JSON array of rowJson rows
   * (hydrate() reads them), each looked up by its key: joined plainly, the planner hashes all 3,000
   * agencies nationally to name a couple of dozen (OFFSET 0 keeps the lookup). For statements that
   * read a board's agencies with its figures (src/lookahead.ts, the executive summary).
   */
  rowsSql(ids: Sql): Sql {
    return sql`(SELECT coalesce(json_agg(${rowJson(this.ds, Agency, 'ag')}), '[]'::json) FROM (${ids}) k(id) CROSS JOIN LATERAL (SELECT * FROM agency x WHERE x.id = k.id OFFSET 0) ag)`;
  }

  async list(access: Access, args: AgenciesArgs): Promise<Page<Agency>> {
    access.assertSignedIn();
    const qb = this.ds.getRepository(Agency).createQueryBuilder('a').orderBy('a.name', 'ASC').addOrderBy('a.id', 'ASC').limit(args.first + 1);
    if (args.sector) qb.andWhere('a.sector = :sector', { sector: args.sector });
    if (args.search) qb.andWhere('a.name ILIKE :search', { search: `%${args.search.replace(/[\\%_]/g, (c) => '\\' + c)}%` });
    if (args.after) {
      const [name, id] = decodeCursor(args.after);
      qb.andWhere('(a.name, a.id) > (:name, :id)', { name, id });
    }
    return toPage(await qb.getMany(), args.first, (a) => [a.name, a.id]);
  }

  async get(access: Access, id: string): Promise<Agency> {
    access.assertSignedIn();
    assertUuidOrNotFound(id, 'Agency');
    return assertFound(await this.ds.getRepository(Agency).findOneBy({ id }), 'Agency', id);
  }

  async create(access: Access, input: CreateAgencyInput): Promise<Agency> {
    access.assertRole(UserRole.ADMIN, UserRole.COORDINATOR);
    const name = requireText('name', input.name, 200);
    const existing = await this.ds.getRepository(Agency).createQueryBuilder('a').where('lower(a.name) = lower(:name)', { name }).getOne();
    if (existing) throw new ConflictError(`An agency named "${existing.name}" already exists`, { field: 'name', existingId: existing.id });
    return this.mutations.run(access.me, 'createAgency', input, async (em) => {
      const agency = await em.save(em.create(Agency, { name, sector: input.sector }));
      return { result: agency, entityType: 'Agency', entityId: agency.id, boardIds: [] };
    });
  }
}
