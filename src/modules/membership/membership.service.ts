import { asWhere, sql } from '../../database/sql';
import { activeDuringSql, isActiveOn, partnerGroupOf } from '../../rules/membership';
import { DataSource, EntityManager, In } from 'typeorm';
import { Access } from '../../access/access';
import { BoardKind, MembershipRole } from '../../common/enums';
import { requireText } from '../../common/validation';
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
    // arrangements.md: only a council, an ICB (health commissioner) or a police force is a safeguarding
    // partner; STATUTORY_PARTNER keeps its 2014 meaning on historic boards but not on a partnership.
    if (!partnerGroupOf(agency.sector)) {
      if (input.role === MembershipRole.SAFEGUARDING_PARTNER) {
        throw new BadInputError('role', `${agency.name} is not a local authority, health commissioner or police force, so cannot be a safeguarding partner`);
      }
      if (input.role === MembershipRole.STATUTORY_PARTNER) {
        const kinds = boardIds.length ? (await this.ds.getRepository(Board).findBy({ id: In(boardIds) })).map((b) => b.kind) : [];
        if (kinds.includes(BoardKind.SAFEGUARDING_CHILDREN_PARTNERSHIP)) {
          throw new BadInputError('role', `On a safeguarding children partnership only the three safeguarding partners are statutory: make ${agency.name} a RELEVANT_AGENCY`);
        }
      }
    }
    const people = (list: string[] | undefined, one: string | undefined, field: string) => {
      const names = (list ?? (one?.trim() ? [one] : [])).map((n, i) => requireText(list ? `${field}.${i}` : field.replace(/s$/, ''), n, 200));
      if (new Set(names.map((n) => n.toLowerCase())).size !== names.length) throw new BadInputError(field, 'Name each person once');
      return names;
    };
    const representatives = people(input.representatives, input.representative, 'representatives');
    const deputies = people(input.deputies, input.deputy, 'deputies');
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
        representative: representatives[0] ?? null,
        deputy: deputies[0] ?? null,
        representatives,
        deputies,
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
