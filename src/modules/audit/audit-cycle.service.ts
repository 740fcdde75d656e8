import { Clock } from '../../common/clock';
import { DataSource, In } from 'typeorm';
import { Access } from '../../access/access';
import { BoardKind, UserRole } from '../../common/enums';
import { BadInputError } from '../../common/errors';

import { MutationRunner } from '../../common/mutation';
import { assertFound, assertUuidOrNotFound, requireText } from '../../common/validation';
import { Agency } from '../agency/agency.entity';
import { Board } from '../board/board.entity';
import { AuditCycle } from './audit-cycle.entity';
import { AuditAudience, AuditFramework, AuditStandard } from './audit-framework.entity';
import { CreateAuditCycleInput, PublishAuditFrameworkInput } from './audit.inputs';

/** Which boards may run which frameworks: joint boards run both. */
const AUDIENCES: Record<BoardKind, AuditAudience[]> = {
  [BoardKind.CHILDREN]: [AuditAudience.CHILDREN],
  [BoardKind.ADULTS]: [AuditAudience.ADULTS],
  [BoardKind.JOINT]: [AuditAudience.CHILDREN, AuditAudience.ADULTS],
  [BoardKind.LSCB]: [AuditAudience.CHILDREN],
  [BoardKind.SAFEGUARDING_CHILDREN_PARTNERSHIP]: [AuditAudience.CHILDREN],
  [BoardKind.SAB]: [AuditAudience.ADULTS],
};

export class AuditCycleService {
  constructor(
    private readonly ds: DataSource,
    private readonly mutations: MutationRunner,
    private readonly clock: Clock,
  ) {}

  frameworks(access: Access): Promise<AuditFramework[]> {
    access.assertSignedIn();
    return this.ds.getRepository(AuditFramework).find({ order: { key: 'ASC', version: 'DESC' } });
  }

  /** Admins publish a new version when the statutory standards change; older cycles are untouched. */
  async publishFramework(access: Access, input: PublishAuditFrameworkInput): Promise<AuditFramework> {
    access.assertRole(UserRole.ADMIN);
    const previous = await this.ds.getRepository(AuditFramework).findOne({ where: { key: input.key }, order: { version: 'DESC' } });
    if (!previous) throw new BadInputError('key', `No framework ${input.key}: versions are published for the shipped frameworks`);
    const codes = new Set<string>();
    input.standards.forEach((s, i) => {
      const code = requireText(`standards.${i}.code`, s.code, 20);
      if (codes.has(code)) throw new BadInputError(`standards.${i}.code`, `Standard ${code} is given twice`);
      codes.add(code);
      requireText(`standards.${i}.title`, s.title, 500);
      requireText(`standards.${i}.guidance`, s.guidance, 4000);
    });
    return this.mutations.run(access.me, 'publishAuditFramework', input, async (em) => {
      // The unique (key, version) makes a concurrent publish of the same version fail with CONFLICT.
      const framework = await em.save(
        em.create(AuditFramework, {
          key: previous.key,
          version: previous.version + 1,
          name: input.name?.trim() || previous.name,
          audience: previous.audience,
          publishedOn: this.clock.today(),
        }),
      );
      await em.insert(
        AuditStandard,
        input.standards.map((s, i) => ({ frameworkId: framework.id, code: s.code.trim(), title: s.title.trim(), guidance: s.guidance.trim(), position: i + 1 })),
      );
      return { result: framework, entityType: 'AuditFramework', entityId: framework.id, boardIds: [] };
    });
  }

  standardsOf(frameworkIds: string[]): Promise<AuditStandard[]> {
    return this.ds.getRepository(AuditStandard).find({ where: { frameworkId: In(frameworkIds) }, order: { position: 'ASC' } });
  }

  async get(access: Access, id: string): Promise<AuditCycle> {
    access.assertSignedIn();
    assertUuidOrNotFound(id, 'AuditCycle');
    const cycle = assertFound(await this.ds.getRepository(AuditCycle).findOneBy({ id }), 'AuditCycle', id);
    await access.assertCanRead('AuditCycle', cycle, 'You do not work for a board running this audit cycle');
    return cycle;
  }

  /** Each board's cycles, newest first (the read policy leaves out what the reader may not read). */
  async forBoards(boardIds: string[]): Promise<Map<string, AuditCycle[]>> {
    const rows = await this.ds
      .getRepository(AuditCycle)
      .createQueryBuilder('c')
      .where('c.board_ids && :ids::uuid[]', { ids: boardIds })
      .orderBy('c.opens_on', 'DESC')
      .addOrderBy('c.created_at', 'DESC')
      .getMany();
    return new Map(boardIds.map((b) => [b, rows.filter((c) => c.boardIds.includes(b))]));
  }

  async create(access: Access, input: CreateAuditCycleInput): Promise<AuditCycle> {
    access.assertSignedIn();
    const name = requireText('name', input.name, 200);
    const boardIds = [...new Set(input.boardIds)];
    const agencyIds = [...new Set(input.invitedAgencyIds)];
    if (input.dueOn < input.opensOn) throw new BadInputError('dueOn', 'dueOn must not be before opensOn');
    const framework = await this.ds.getRepository(AuditFramework).findOneBy({ id: input.frameworkId });
    if (!framework) throw new BadInputError('frameworkId', `Audit framework ${input.frameworkId} not found`);
    const boards = await this.ds.getRepository(Board).findBy({ id: In(boardIds) });
    const missingBoard = boardIds.find((id) => !boards.some((b) => b.id === id));
    if (missingBoard) throw new BadInputError('boardIds', `Board ${missingBoard} not found`);
    // Every board in the cycle shares it, so the creator must coordinate each of them.
    for (const b of boards) access.assertCanManageBoard(b.id);
    const wrongKind = boards.find((b) => !AUDIENCES[b.kind].includes(framework.audience));
    if (wrongKind) throw new BadInputError('frameworkId', `${wrongKind.name} is a ${wrongKind.kind.toLowerCase()} board and cannot run the ${framework.name}`);
    const found = await this.ds.getRepository(Agency).count({ where: { id: In(agencyIds) } });
    if (found !== agencyIds.length) {
      const existing = new Set((await this.ds.getRepository(Agency).find({ select: { id: true }, where: { id: In(agencyIds) } })).map((a) => a.id));
      throw new BadInputError('invitedAgencyIds', `Agency ${agencyIds.find((id) => !existing.has(id))} not found`);
    }
    return this.mutations.run(access.me, 'createAuditCycle', input, async (em) => {
      const cycle = await em.save(
        em.create(AuditCycle, { frameworkId: framework.id, name, boardIds, invitedAgencyIds: agencyIds, opensOn: input.opensOn, dueOn: input.dueOn }),
      );
      return { result: cycle, entityType: 'AuditCycle', entityId: cycle.id, boardIds };
    });
  }
}
