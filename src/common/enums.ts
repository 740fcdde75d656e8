import { registerEnumType } from 'type-graphql';

/** Enums shared across modules; registered once so the schema names stay stable. */
/**
 * The kinds of body (../shared/domain/arrangements.md). CHILDREN and ADULTS are the names of 2014,
 * kept for old clients: given as input they are stored as LSCB and SAB, and no board holds them.
 */
export enum BoardKind {
  CHILDREN = 'CHILDREN',
  ADULTS = 'ADULTS',
  JOINT = 'JOINT',
  LSCB = 'LSCB',
  SAFEGUARDING_CHILDREN_PARTNERSHIP = 'SAFEGUARDING_CHILDREN_PARTNERSHIP',
  SAB = 'SAB',
}

/** The stored kind for a kind given as input: the deprecated names map to the historic boards. */
export function currentBoardKind(kind: BoardKind): BoardKind {
  return kind === BoardKind.CHILDREN ? BoardKind.LSCB : kind === BoardKind.ADULTS ? BoardKind.SAB : kind;
}

export enum Sector {
  LOCAL_AUTHORITY_CHILDREN = 'LOCAL_AUTHORITY_CHILDREN',
  LOCAL_AUTHORITY_ADULTS = 'LOCAL_AUTHORITY_ADULTS',
  LOCAL_AUTHORITY_OTHER = 'LOCAL_AUTHORITY_OTHER',
  POLICE = 'POLICE',
  HEALTH_COMMISSIONER = 'HEALTH_COMMISSIONER',
  HEALTH_PROVIDER = 'HEALTH_PROVIDER',
  PROBATION = 'PROBATION',
  YOUTH_JUSTICE = 'YOUTH_JUSTICE',
  EDUCATION = 'EDUCATION',
  CAFCASS = 'CAFCASS',
  FIRE_AND_RESCUE = 'FIRE_AND_RESCUE',
  SECURE_ESTATE = 'SECURE_ESTATE',
  VOLUNTARY = 'VOLUNTARY',
  PRIVATE_PROVIDER = 'PRIVATE_PROVIDER',
  LAY_MEMBER = 'LAY_MEMBER',
  OTHER = 'OTHER',
}

export enum MembershipRole {
  STATUTORY_PARTNER = 'STATUTORY_PARTNER',
  PARTNER = 'PARTNER',
  ADVISER = 'ADVISER',
  OBSERVER = 'OBSERVER',
  LAY_MEMBER = 'LAY_MEMBER',
  SAFEGUARDING_PARTNER = 'SAFEGUARDING_PARTNER',
  RELEVANT_AGENCY = 'RELEVANT_AGENCY',
  EDUCATION_CHILDCARE = 'EDUCATION_CHILDCARE',
  CHILD_DEATH_REVIEW_PARTNER = 'CHILD_DEATH_REVIEW_PARTNER',
}

/** The order of the database type (values added later come last). */
export enum MeetingStatus {
  SCHEDULED = 'SCHEDULED',
  HELD = 'HELD',
  ADJOURNED = 'ADJOURNED',
  CANCELLED = 'CANCELLED',
}

export enum MeetingType {
  BOARD = 'BOARD',
  EXECUTIVE = 'EXECUTIVE',
  SUB_GROUP = 'SUB_GROUP',
  EXTRAORDINARY = 'EXTRAORDINARY',
  DEVELOPMENT_SESSION = 'DEVELOPMENT_SESSION',
}

export enum OfficeHolderRole {
  LEAD_SAFEGUARDING_PARTNER = 'LEAD_SAFEGUARDING_PARTNER',
  DELEGATED_SAFEGUARDING_PARTNER = 'DELEGATED_SAFEGUARDING_PARTNER',
  PARTNERSHIP_CHAIR = 'PARTNERSHIP_CHAIR',
  INDEPENDENT_SCRUTINEER = 'INDEPENDENT_SCRUTINEER',
  SAB_INDEPENDENT_CHAIR = 'SAB_INDEPENDENT_CHAIR',
  BUSINESS_MANAGER = 'BUSINESS_MANAGER',
}

export enum RegisterCapacity {
  MEMBER = 'MEMBER',
  DEPUTY = 'DEPUTY',
  IN_ATTENDANCE = 'IN_ATTENDANCE',
  OBSERVER = 'OBSERVER',
}

export enum RegisterStatus {
  PRESENT = 'PRESENT',
  APOLOGIES = 'APOLOGIES',
  ABSENT = 'ABSENT',
}

export enum AttendanceMode {
  IN_PERSON = 'IN_PERSON',
  VIRTUAL = 'VIRTUAL',
}

export enum AgendaItemKind {
  STANDING = 'STANDING',
  ASSURANCE = 'ASSURANCE',
  DECISION = 'DECISION',
  INFORMATION = 'INFORMATION',
}

export enum AgendaLinkType {
  CASE_REVIEW = 'CASE_REVIEW',
  AUDIT_CYCLE = 'AUDIT_CYCLE',
  PLAN_PRIORITY = 'PLAN_PRIORITY',
  INDICATOR = 'INDICATOR',
}

export enum AttendanceStatus {
  PRESENT = 'PRESENT',
  DEPUTY = 'DEPUTY',
  APOLOGIES = 'APOLOGIES',
  ABSENT = 'ABSENT',
}

export enum UserRole {
  ADMIN = 'ADMIN',
  COORDINATOR = 'COORDINATOR',
  AGENCY_USER = 'AGENCY_USER',
  VIEWER = 'VIEWER',
}

registerEnumType(BoardKind, {
  name: 'BoardKind',
  description: 'LSCB (historic children\'s board), SAFEGUARDING_CHILDREN_PARTNERSHIP (multi-agency safeguarding arrangements since 2019), SAB (adults) or JOINT (children and adults together)',
  valuesConfig: {
    CHILDREN: { deprecationReason: 'Use LSCB (stored as LSCB)' },
    ADULTS: { deprecationReason: 'Use SAB (stored as SAB)' },
  },
});
registerEnumType(Sector, { name: 'Sector', description: 'What kind of organisation an agency is' });
registerEnumType(MembershipRole, {
  name: 'MembershipRole',
  valuesConfig: {
    STATUTORY_PARTNER: { deprecationReason: 'Use SAFEGUARDING_PARTNER (local authority, ICB, police) or RELEVANT_AGENCY; kept for historic LSCBs' },
    SAFEGUARDING_PARTNER: { description: 'One of the three safeguarding partners: local authority, health commissioner (ICB) or police' },
  },
});
registerEnumType(MeetingStatus, { name: 'MeetingStatus', valuesConfig: { ADJOURNED: { description: 'Convened but not quorate: no business transacted' } } });
registerEnumType(MeetingType, { name: 'MeetingType' });
registerEnumType(OfficeHolderRole, { name: 'OfficeHolderRole' });
registerEnumType(RegisterCapacity, { name: 'RegisterCapacity', description: 'IN_ATTENDANCE (officers, guests) and OBSERVER are never expected nor counted in rates' });
registerEnumType(RegisterStatus, { name: 'RegisterStatus' });
registerEnumType(AttendanceMode, { name: 'AttendanceMode' });
registerEnumType(AgendaItemKind, { name: 'AgendaItemKind' });
registerEnumType(AgendaLinkType, { name: 'AgendaLinkType' });
registerEnumType(AttendanceStatus, { name: 'AttendanceStatus', description: 'PRESENT and DEPUTY count as attended' });
registerEnumType(UserRole, { name: 'UserRole' });
