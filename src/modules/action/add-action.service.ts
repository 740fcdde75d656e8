import { DataSource } from 'typeorm';
import { Access } from '../../access/access';
import { BadInputError, ConflictError } from '../../common/errors';
import { MutationRunner } from '../../common/mutation';
import { Agency } from '../agency/agency.entity';
import { ActionSourceRegistry } from './action-sources';
import { Action } from './action.entity';
import { AddActionInput } from './action.inputs';
import { ActionService } from './action.service';

/** Adds an action to a review recommendation, a plan priority, an agenda item or external learning (audit actions come with their return). */
export class AddActionService {
  constructor(
    private readonly ds: DataSource,
    private readonly mutations: MutationRunner,
    private readonly actions: ActionService,
    private readonly sources: ActionSourceRegistry,
  ) {}

  async add(access: Access, input: AddActionInput): Promise<Action> {
    access.assertSignedIn();
    const given = (['recommendationId', 'priorityId', 'agendaItemId', 'externalLearningId'] as const).filter((k) => !!input[k]);
    if (given.length !== 1) throw new BadInputError('recommendationId', 'Give exactly one of recommendationId, priorityId, agendaItemId or externalLearningId');
    if (!(await this.ds.getRepository(Agency).existsBy({ id: input.ownerAgencyId }))) throw new BadInputError('ownerAgencyId', `Agency ${input.ownerAgencyId} not found`);
    const field = given[0];
    const source = this.sources.byField(field);
    const info = await source.describe(input[field]!);
    if (!info) throw new BadInputError(field, `${{ recommendationId: 'Recommendation', priorityId: 'Priority', agendaItemId: 'Agenda item', externalLearningId: 'External learning' }[field]} ${input[field]} not found`);
    const boardIds = info.boardIds ?? [info.boardId];
    access.assertCanManageAnyBoard(boardIds);
    const timescale = this.actions.timescaleOf(input);
    return this.mutations.run(access.me, 'addAction', input, async (em) => {
      const refused = await source.lockForChange?.(em, info.id, 'add');
      if (refused) throw new ConflictError(refused);
      const action = await this.actions.create(em, {
        description: input.description,
        ownerAgencyId: input.ownerAgencyId,
        ...timescale,
        lead: input.lead?.trim() || null,
        rag: input.rag ?? null,
        sourceType: info.type,
        sourceId: info.id,
        sourceLabel: info.label,
        boardIds,
      });
      return { result: action, entityType: 'Action', entityId: action.id, boardIds: action.boardIds };
    });
  }
}
