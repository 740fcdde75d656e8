import { asWhere, sql } from '../../database/sql';
import { activeDuringSql, isActiveOn } from '../../rules/membership';
import { DataSource, EntityManager } from 'typeorm';
import { Access } from '../../access/access';
import { MembershipRole } from '../../common/enums';
import { BadInputError, ConflictError } from '../../common/errors';
import { MutationRunner } from '../../common/mutation';
import { assertFound, assertUuidOrNotFound } from '../../common/validation';
import { Agency } from '../agency/agency.entity';
import { Board } from '../board/board.entity';
import { SubGroup, SubGroupBoard } from '../sub-group/sub-group.entity';
import { Membership } from './membership.entity';
import { AddMembershipInput, EndMembershipInput } from './membership.inputs';

/** The exclusion constraints of migration 1763880700000-integrity: no two overlapping seats of an agency on one body. */
const SEAT_CONSTRAINTS = ['membership_board_seat_excl', 'membership_sub_group_seat_excl'];

export type Body = { boardId: string; subGroupId?: undefined } | { subGroupId: string; boardId?: undefined };

export class MembershipService {
  constructor(private readonly ds: DataSource, private readonly mutations: MutationRunner) {}

  /** The boards a board or sub-group answers to: access to a sub-group follows its boards. */
  async boardsOfBody(em: EntityManager, body: { boardId?: string | null; subGroupId?: string | null }): Promise<string[]> {
    if (body.boardId) return [body.boardId];
    const links = await em.getRepository(SubGroupBoard).findBy({ subGroupId: body.subGroupId! });
    return links.map((l) => l.boardId);
  }

  /** Members active on a date (today by default), or everyone who ever sat on the body. */
  filterActive(memberships: Membership[], asOf: string, includeEnded: boolean): Membership[] {
    if (includeEnded) return memberships;
    return memberships.filter((m) => isActiveOn(m, asOf));
  }

  async add(access: Access, input: AddMembershipInput): Promise<Membership> {
    access.assertSignedIn();
    if (!!input.boardId === !!input.subGroupId) throw new BadInputError('boardId', 'Give exactly one of boardId or subGroupId');
    const agency = await this.ds.getRepository(Agency).findOneBy({ id: input.agencyId });
    if (!agency) throw new BadInputError('agencyId', `Agency ${input.agencyId} not found`);
    if (input.boardId && !(await this.ds.getRepository(Board).existsBy({ id: input.boardId }))) {
      throw new BadInputError('boardId', `Board ${input.boardId} not found`);
    }
    if (input.subGroupId && !(await this.ds.getRepository(SubGroup).existsBy({ id: input.subGroupId }))) {
      throw new BadInputError('subGroupId', `Sub-group ${input.subGroupId} not found`);
    }
    const boardIds = await this.boardsOfBody(this.ds.manager, input);
    access.assertCanManageAnyBoard(boardIds);
    const expectedToAttend =
      input.expectedToAttend ?? ![MembershipRole.ADVISER, MembershipRole.OBSERVER].includes(input.role);
    const taken = () => new ConflictError(`${agency.name} already has a seat here on or after ${input.startsOn}`);
    return this.mutations.run(access.me, 'addMembership', input, async (em) => {
      // One seat per agency per body at a time: overlapping seats would count it twice in attendance.
      // This check names the seat in the way; the exclusion constraints decide when two adds race.
      const overlap = await em
        .getRepository(Membership)
        .createQueryBuilder('m')
        .setLock('pessimistic_write')
        .where('m.agency_id = :agencyId', { agencyId: input.agencyId })
        .andWhere(input.boardId ? 'm.board_id = :body' : 'm.sub_group_id = :body', { body: input.boardId ?? input.subGroupId })
        // A new open-ended seat from startsOn overlaps any seat still active on or after that day.
        .andWhere(...asWhere(activeDuringSql('m', input.startsOn, sql`'infinity'::date`)))
        .getOne();
      if (overlap) throw new ConflictError(`${agency.name} already has a seat here from ${overlap.startsOn}`, { existingId: overlap.id });
      const membership = em.create(Membership, {
        agencyId: input.agencyId,
        boardId: input.boardId ?? null,
        subGroupId: input.subGroupId ?? null,
        role: input.role,
        representative: input.representative?.trim() || null,
        deputy: input.deputy?.trim() || null,
        startsOn: input.startsOn,
        endsOn: null,
        expectedToAttend,
      });
      const saved = await em.save(membership).catch((e) => {
        throw SEAT_CONSTRAINTS.includes((e as { driverError?: { constraint?: string } }).driverError?.constraint ?? '') ? taken() : e;
      });
      return { result: saved, entityType: 'Membership', entityId: saved.id, boardIds };
    });
  }

  async end(access: Access, input: EndMembershipInput): Promise<Membership> {
    access.assertSignedIn();
    assertUuidOrNotFound(input.membershipId, 'Membership');
    const membership = assertFound(await this.ds.getRepository(Membership).findOneBy({ id: input.membershipId }), 'Membership', input.membershipId);
    const boardIds = await this.boardsOfBody(this.ds.manager, membership);
    access.assertCanManageAnyBoard(boardIds);
    if (membership.endsOn !== null) throw new ConflictError(`This membership already ended on ${membership.endsOn}`);
    if (input.endsOn < membership.startsOn) throw new BadInputError('endsOn', `endsOn must not be before the start date ${membership.startsOn}`);
    return this.mutations.run(access.me, 'endMembership', input, async (em) => {
      membership.endsOn = input.endsOn;
      const saved = await em.save(membership);
      return { result: saved, entityType: 'Membership', entityId: saved.id, boardIds };
    });
  }
}
