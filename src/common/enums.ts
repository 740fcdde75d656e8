import { registerEnumType } from 'type-graphql';

/** Enums shared across modules; registered once so the schema names stay stable. */
export enum BoardKind {
  CHILDREN = 'CHILDREN',
  ADULTS = 'ADULTS',
  JOINT = 'JOINT',
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
}

export enum MeetingStatus {
  SCHEDULED = 'SCHEDULED',
  HELD = 'HELD',
  CANCELLED = 'CANCELLED',
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

registerEnumType(BoardKind, { name: 'BoardKind', description: 'LSCB (children), SAB (adults) or a joint board' });
registerEnumType(Sector, { name: 'Sector', description: 'What kind of organisation an agency is' });
registerEnumType(MembershipRole, { name: 'MembershipRole' });
registerEnumType(MeetingStatus, { name: 'MeetingStatus' });
registerEnumType(AttendanceStatus, { name: 'AttendanceStatus', description: 'PRESENT and DEPUTY count as attended' });
registerEnumType(UserRole, { name: 'UserRole' });
