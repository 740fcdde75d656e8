/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
export type ActionStatus =
  | 'CANCELLED'
  | 'COMPLETE'
  | 'IN_PROGRESS'
  | 'NOT_STARTED';

/** The answer for one standard; fields left out keep their saved value */
export type AssessmentInput = {
  /** Added to the standard's improvement actions */
  actions?: Array<ImprovementActionInput> | null | undefined;
  evidence?: string | null | undefined;
  /** null clears the rating */
  rating?: AuditRating | null | undefined;
  standardCode: string;
};

export type AttendanceRecordInput = {
  agencyId: string | number;
  /** Who came; for DEPUTY, the deputy */
  attendeeName?: string | null | undefined;
  status: AttendanceStatus;
};

/** PRESENT and DEPUTY count as attended */
export type AttendanceStatus =
  | 'ABSENT'
  | 'APOLOGIES'
  | 'DEPUTY'
  | 'PRESENT';

/** Who the standards protect: children (Section 11) or adults (SAB compliance) */
export type AuditAudience =
  | 'ADULTS'
  | 'CHILDREN';

export type AuditRating =
  | 'MET'
  | 'NOT_APPLICABLE'
  | 'NOT_MET'
  | 'PARTIALLY_MET';

export type AuditReturnStatus =
  | 'DRAFT'
  /** Sent back by the board with a challenge comment; the agency amends and resubmits */
  | 'RETURNED'
  | 'SUBMITTED'
  | 'VALIDATED';

/** percentMet against the agency's latest submitted return in an earlier cycle of the same framework */
export type AuditTrend =
  | 'DECLINED'
  | 'IMPROVED'
  | 'NEW'
  | 'SUSTAINED';

export type AuditVersionKind =
  | 'RETURNED'
  | 'SUBMITTED'
  | 'VALIDATED';

/** LSCB (historic children's board), SAFEGUARDING_CHILDREN_PARTNERSHIP (multi-agency safeguarding arrangements since 2019), SAB (adults) or JOINT (children and adults together) */
export type BoardKind =
  | 'ADULTS'
  | 'CHILDREN'
  | 'JOINT'
  | 'LSCB'
  | 'SAB'
  | 'SAFEGUARDING_CHILDREN_PARTNERSHIP';

/** REFERRED → NOT_COMMISSIONED, or REFERRED → COMMISSIONED → IN_PROGRESS → PUBLISHED → CLOSED */
export type CaseReviewStatus =
  | 'CLOSED'
  | 'COMMISSIONED'
  | 'COMPLETED'
  | 'IN_PROGRESS'
  | 'NOTIFIED'
  | 'NOT_COMMISSIONED'
  | 'NO_FURTHER_REVIEW'
  | 'PUBLISHED'
  | 'RAPID_REVIEW'
  | 'REFERRED';

export type CaseReviewType =
  | 'CHILD_SAFEGUARDING_PRACTICE_REVIEW'
  | 'DOMESTIC_HOMICIDE_REVIEW'
  | 'LEARNING_REVIEW'
  | 'MULTI_AGENCY_LEARNING'
  | 'SAFEGUARDING_ADULTS_REVIEW'
  | 'SERIOUS_CASE_REVIEW';

export type CreateAuditCycleInput = {
  /** One board, or several running the audit together */
  boardIds: Array<string | number>;
  dueOn: string;
  /** The framework version the cycle runs on (see auditFrameworks) */
  frameworkId: string | number;
  invitedAgencyIds: Array<string | number>;
  name: string;
  opensOn: string;
};

/** A new improvement action for a standard. Existing actions change through updateAction. */
export type ImprovementActionInput = {
  description: string;
  dueOn: string;
  /** Default: the return's agency */
  ownerAgencyId?: string | number | null | undefined;
};

export type MeetingStatus =
  /** Convened but not quorate: no business transacted */
  | 'ADJOURNED'
  | 'CANCELLED'
  | 'HELD'
  | 'SCHEDULED';

export type MembershipRole =
  | 'ADVISER'
  | 'CHILD_DEATH_REVIEW_PARTNER'
  | 'EDUCATION_CHILDCARE'
  | 'LAY_MEMBER'
  | 'OBSERVER'
  | 'PARTNER'
  | 'RELEVANT_AGENCY'
  /** One of the three safeguarding partners: local authority, health commissioner (ICB) or police */
  | 'SAFEGUARDING_PARTNER'
  | 'STATUTORY_PARTNER';

export type ModeratedRatingInput = {
  rating: AuditRating;
  standardCode: string;
};

/** Red / Amber / Green */
export type Rag =
  | 'AMBER'
  | 'GREEN'
  | 'RED';

export type RecordAttendanceInput = {
  meetingId: string | number;
  /** One record per member agency; records given again replace the earlier ones */
  records: Array<AttendanceRecordInput>;
};

export type ReturnAuditReturnInput = {
  /** The challenge: what the agency must look at again */
  comment: string;
  returnId: string | number;
};

export type ReviewFrequency =
  | 'ANNUALLY'
  | 'BIMONTHLY'
  | 'MONTHLY'
  | 'QUARTERLY'
  | 'SIX_MONTHLY';

/** Create or update a DRAFT or RETURNED return */
export type SaveAuditReturnInput = {
  agencyId: string | number;
  assessments: Array<AssessmentInput>;
  /** The revision this save is based on: required once the return exists; a stale one fails with CONFLICT */
  basedOnRevision?: number | null | undefined;
  cycleId: string | number;
};

/** What kind of organisation an agency is */
export type Sector =
  | 'CAFCASS'
  | 'EDUCATION'
  | 'FIRE_AND_RESCUE'
  | 'HEALTH_COMMISSIONER'
  | 'HEALTH_PROVIDER'
  | 'LAY_MEMBER'
  | 'LOCAL_AUTHORITY_ADULTS'
  | 'LOCAL_AUTHORITY_CHILDREN'
  | 'LOCAL_AUTHORITY_OTHER'
  | 'OTHER'
  | 'POLICE'
  | 'PRIVATE_PROVIDER'
  | 'PROBATION'
  | 'SECURE_ESTATE'
  | 'VOLUNTARY'
  | 'YOUTH_JUSTICE';

/** Submit once, share with many: send submitted answers to another open cycle of the same framework version */
export type ShareAuditReturnInput = {
  sourceReturnId: string | number;
  targetCycleId: string | number;
};

export type SubmitAuditReturnInput = {
  /** When given, the submit fails with CONFLICT unless the return is still at this revision */
  basedOnRevision?: number | null | undefined;
  returnId: string | number;
};

/** DATE: due on dueOn; ONGOING: no due date, reviewed on nextReviewOn */
export type Timescale =
  | 'DATE'
  | 'ONGOING';

/** A progress update: always a note, optionally a new status and RAG. Appended to the history; nothing is overwritten. */
export type UpdateActionInput = {
  actionId: string | number;
  /** What was done; when setting COMPLETE without it, the note is the completion note */
  completionNote?: string | null | undefined;
  /** Why the due date or timescale changed (required with a change) */
  dueDateReason?: string | null | undefined;
  /** A new due date: kept in dueDateChanges with dueDateReason */
  dueOn?: string | null | undefined;
  /** The named lead (a person) */
  lead?: string | null | undefined;
  nextReviewOn?: string | null | undefined;
  note: string;
  /** Date the update is about; default today */
  notedOn?: string | null | undefined;
  rag?: Rag | null | undefined;
  reviewFrequency?: ReviewFrequency | null | undefined;
  status?: ActionStatus | null | undefined;
  /** ONGOING drops the due date (a due-date change); DATE needs dueOn */
  timescale?: Timescale | null | undefined;
};

export type UserRole =
  | 'ADMIN'
  | 'AGENCY_USER'
  | 'COORDINATOR'
  | 'VIEWER';

export type ValidateAuditReturnInput = {
  comment?: string | null | undefined;
  /** The board's ratings where they differ from the self-assessment */
  moderatedRatings?: Array<ModeratedRatingInput> | null | undefined;
  returnId: string | number;
};

export type MeQueryVariables = Exact<{ [key: string]: never; }>;


export type MeQuery = { me: { id: string, name: string, email: string, role: UserRole, canManageBoardIds: Array<string>, agency: { id: string, name: string } | null, boards: Array<{ id: string, name: string, kind: BoardKind, area: string }> } };

export type SignInMutationVariables = Exact<{
  email: string;
  password: string;
}>;


export type SignInMutation = { signIn: { token: string, expiresAt: string, userId: string } };

export type ChangePasswordMutationVariables = Exact<{
  currentPassword: string;
  newPassword: string;
}>;


export type ChangePasswordMutation = { changePassword: { token: string, expiresAt: string } };

export type SignOutEverywhereMutationVariables = Exact<{ [key: string]: never; }>;


export type SignOutEverywhereMutation = { signOutEverywhere: boolean };

export type OurActionsQueryVariables = Exact<{
  asOf: string;
}>;


export type OurActionsQuery = { me: { role: UserRole, agency: { id: string, name: string, actions: Array<{ id: string, description: string, dueOn: string | null, status: ActionStatus, rag: Rag | null, overdue: boolean, sourceLabel: string }> } | null } };

export type ActionPageQueryVariables = Exact<{
  id: string | number;
}>;


export type ActionPageQuery = { me: { role: UserRole, agencyId: string | null, canManageBoardIds: Array<string> }, action: { id: string, description: string, dueOn: string | null, status: ActionStatus, rag: Rag | null, sourceLabel: string, ownerAgencyId: string, boardIds: Array<string>, ownerAgency: { name: string }, updates: Array<{ id: string, notedOn: string, note: string, byName: string | null, toStatus: ActionStatus, toRag: Rag | null }> } };

export type UpdateActionMutationVariables = Exact<{
  input: UpdateActionInput;
}>;


export type UpdateActionMutation = { updateAction: { id: string, status: ActionStatus, rag: Rag | null } };

export type CycleCountsFragment = { invited: number, submitted: number, outstanding: number, overdue: number, fullyCompliant: number, submissionRate: number | null };

export type ComplianceFiguresFragment = { applicable: number, met: number, partiallyMet: number, notMet: number, notApplicable: number, unrated: number, percentMet: number | null, rag: Rag | null };

export type NewCycleFormQueryVariables = Exact<{
  boardId: string | number;
  asOf: string;
}>;


export type NewCycleFormQuery = { me: { canManageBoardIds: Array<string> }, board: { id: string, name: string, kind: BoardKind, members: Array<{ agencyId: string, agency: { name: string } }> }, auditFrameworks: Array<{ id: string, name: string, version: number, audience: AuditAudience }> };

export type CreateAuditCycleMutationVariables = Exact<{
  input: CreateAuditCycleInput;
}>;


export type CreateAuditCycleMutation = { createAuditCycle: { id: string } };

export type AuditCyclePageQueryVariables = Exact<{
  id: string | number;
  asOf: string;
}>;


export type AuditCyclePageQuery = { me: { canManageBoardIds: Array<string> }, auditCycle: { id: string, name: string, opensOn: string, dueOn: string, boardIds: Array<string>, boards: Array<{ id: string, name: string }>, framework: { name: string, version: number }, summary: { validated: number, returned: number, drafts: number, invited: number, submitted: number, outstanding: number, overdue: number, fullyCompliant: number, submissionRate: number | null }, invitedAgencies: Array<{ id: string, name: string }>, returns: Array<{ id: string, agencyId: string, status: AuditReturnStatus, late: boolean, submittedAt: string | null, compliance: { percentMet: number | null, rag: Rag | null } }> } };

export type AuditReturnPageQueryVariables = Exact<{
  id: string | number;
}>;


export type AuditReturnPageQuery = { me: { role: UserRole, agencyId: string | null, canManageBoardIds: Array<string> }, auditReturn: { id: string, status: AuditReturnStatus, late: boolean, revision: number, challengeComment: string | null, submittedAt: string | null, validatedAt: string | null, sharedFromReturnId: string | null, trend: AuditTrend | null, agency: { id: string, name: string }, cycle: { id: string, name: string, dueOn: string, frameworkId: string, boardIds: Array<string>, framework: { name: string, standards: Array<{ code: string, title: string }> } }, compliance: { applicable: number, met: number, partiallyMet: number, notMet: number, notApplicable: number, unrated: number, percentMet: number | null, rag: Rag | null }, selfAssessedCompliance: { applicable: number, met: number, partiallyMet: number, notMet: number, notApplicable: number, unrated: number, percentMet: number | null, rag: Rag | null }, assessments: Array<{ rating: AuditRating | null, selfRating: AuditRating | null, moderatedRating: AuditRating | null, evidence: string | null, standard: { code: string, title: string }, actions: Array<{ id: string, description: string, dueOn: string | null }> }>, versions: Array<{ number: number, kind: AuditVersionKind, status: AuditReturnStatus, recordedOn: string, byName: string | null, comment: string | null }> } };

export type ReturnAuditReturnMutationVariables = Exact<{
  input: ReturnAuditReturnInput;
}>;


export type ReturnAuditReturnMutation = { returnAuditReturn: { id: string, status: AuditReturnStatus } };

export type ValidateAuditReturnMutationVariables = Exact<{
  input: ValidateAuditReturnInput;
}>;


export type ValidateAuditReturnMutation = { validateAuditReturn: { id: string, status: AuditReturnStatus } };

export type WhatWeOweQueryVariables = Exact<{
  asOf: string;
}>;


export type WhatWeOweQuery = { me: { agency: { id: string, name: string, outstandingAuditReturns: Array<{ cycleId: string, dueOn: string, overdue: boolean, returnId: string | null, status: AuditReturnStatus | null, cycle: { name: string, opensOn: string, frameworkId: string, framework: { name: string }, boards: Array<{ name: string }> } }>, auditReturns: Array<{ id: string, status: AuditReturnStatus, submittedAt: string | null, cycle: { id: string, name: string, frameworkId: string }, compliance: { percentMet: number | null, rag: Rag | null } }> } | null } };

export type ReturnFormQueryVariables = Exact<{
  cycleId: string | number;
}>;


export type ReturnFormQuery = { me: { role: UserRole, agency: { id: string, name: string, auditReturns: Array<{ id: string, cycleId: string, status: AuditReturnStatus, revision: number, challengeComment: string | null, assessments: Array<{ selfRating: AuditRating | null, evidence: string | null, standard: { code: string }, actions: Array<{ description: string, dueOn: string | null }> }> }> } | null }, auditCycle: { id: string, name: string, dueOn: string, framework: { name: string, standards: Array<{ code: string, title: string, guidance: string }> } } };

export type SaveAuditReturnMutationVariables = Exact<{
  input: SaveAuditReturnInput;
}>;


export type SaveAuditReturnMutation = { saveAuditReturn: { id: string, revision: number, status: AuditReturnStatus } };

export type SubmitAuditReturnMutationVariables = Exact<{
  input: SubmitAuditReturnInput;
}>;


export type SubmitAuditReturnMutation = { submitAuditReturn: { id: string, status: AuditReturnStatus } };

export type ShareAuditReturnMutationVariables = Exact<{
  input: ShareAuditReturnInput;
}>;


export type ShareAuditReturnMutation = { shareAuditReturn: { id: string, status: AuditReturnStatus, cycle: { name: string } } };

export type ProgressFragment = { total: number, open: number, complete: number, cancelled: number, overdue: number, red: number, amber: number, green: number, unrated: number, percentComplete: number | null, littleOrNoProgress: boolean };

export type BoardDashboardQueryVariables = Exact<{
  id: string | number;
  from: string;
  to: string;
  asOf: string;
}>;


export type BoardDashboardQuery = { me: { canManageBoardIds: Array<string> }, executiveSummary: { headlines: Array<string> }, board: { id: string, name: string, kind: BoardKind, area: string, attendanceThreshold: number, quorumMinimum: number, quorumSectors: Array<Sector>, attendance: { meetingsHeld: number, quorateMeetings: number, overallRate: number | null, threshold: number, byAgency: Array<{ agencyId: string, expected: number, attended: number, apologies: number, absent: number, rate: number | null, belowThreshold: boolean, agency: { name: string } }> }, meetings: { nodes: Array<{ id: string, title: string, date: string, status: MeetingStatus, quorate: boolean | null, attendance: Array<{ agencyId: string, status: AttendanceStatus }> }> }, auditCycles: Array<{ id: string, name: string, opensOn: string, dueOn: string, framework: { name: string }, summary: { invited: number, submitted: number, outstanding: number, overdue: number, fullyCompliant: number, submissionRate: number | null, standards: Array<{ code: string, title: string, met: number, partiallyMet: number, notMet: number, notApplicable: number }> } }>, caseReviews: Array<{ id: string, reference: string, type: CaseReviewType, status: CaseReviewStatus, statusOn: CaseReviewStatus | null, referredOn: string, decidedOn: string | null, publishedOn: string | null, clocks: Array<{ name: string, startedOn: string, dueOn: string, doneOn: string | null, breached: boolean, workingDaysTaken: number }> }>, businessPlans: Array<{ id: string, title: string, periodFrom: string, periodTo: string, progress: { total: number, open: number, complete: number, cancelled: number, overdue: number, red: number, amber: number, green: number, unrated: number, percentComplete: number | null, littleOrNoProgress: boolean }, priorities: Array<{ id: string, code: string, title: string, progress: { total: number, open: number, complete: number, cancelled: number, overdue: number, red: number, amber: number, green: number, unrated: number, percentComplete: number | null, littleOrNoProgress: boolean } }> }>, actions: Array<{ id: string, description: string, dueOn: string | null, daysOverdue: number | null, status: ActionStatus, rag: Rag | null, sourceLabel: string, ownerAgency: { name: string } }> } };

export type MeetingRegisterQueryVariables = Exact<{
  id: string | number;
}>;


export type MeetingRegisterQuery = { me: { canManageBoardIds: Array<string> }, meeting: { id: string, title: string, date: string, status: MeetingStatus, boardId: string | null, board: { id: string, name: string } | null, attendance: Array<{ agencyId: string, status: AttendanceStatus, attendeeName: string | null }> } };

export type BoardMembersQueryVariables = Exact<{
  id: string | number;
  asOf: string;
}>;


export type BoardMembersQuery = { board: { id: string, members: Array<{ id: string, agencyId: string, role: MembershipRole, representative: string | null, expectedToAttend: boolean, agency: { name: string } }> } };

export type RecordAttendanceMutationVariables = Exact<{
  input: RecordAttendanceInput;
}>;


export type RecordAttendanceMutation = { recordAttendance: { id: string, status: MeetingStatus } };

export type YearlyReportLinksQueryVariables = Exact<{
  boardId: string | number;
  from: string;
  to: string;
}>;


export type YearlyReportLinksQuery = { html: string, markdown: string, csv: string, xlsx: string, board: { id: string, name: string } };
