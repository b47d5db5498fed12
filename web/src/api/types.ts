// Resource shapes of the longghep HTTP API (docs/API.md). Written by hand from the contract;
// to be checked against GET /api/openapi.json once the server publishes it.

/** "YYYY-MM-DD" */
export type IsoDate = string;

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface Items<T> {
  items: T[];
}

export interface OrgUnitRef {
  id: number | string;
  code: string;
  name: string;
  kind: string;
  validFrom: IsoDate | null;
  validTo: IsoDate | null;
}

export interface OrgUnit extends OrgUnitRef {
  fullName: string;
  typeLabel: string;
  parentCode: string | null;
  childCount: number;
}

export type LineageType = 'merge' | 'split' | 'rename' | 'reparent';

export interface Lineage {
  type: LineageType;
  date: IsoDate;
  partial: boolean;
  unit: OrgUnitRef;
}

/** The contract does not spell AgencyRef out; id and name are what the UI relies on. */
export interface AgencyRef {
  id: number | string;
  name: string;
  shortName?: string | null;
  kind?: string;
}

export interface OrgUnitDetail extends OrgUnit {
  ancestors: OrgUnitRef[];
  predecessors: Lineage[];
  successors: Lineage[];
  leadAgency: AgencyRef | null;
}

export interface OrgUnitKind {
  code: string;
  nameVi: string;
  nameEn: string;
  level: number;
}

export interface AgencyKind {
  code: string;
  nameVi: string;
  nameEn: string;
}

export interface AgencyRole {
  role: string;
  orgUnit: OrgUnitRef;
  validFrom: IsoDate | null;
  validTo: IsoDate | null;
}

export interface Agency {
  id: number | string;
  name: string;
  shortName: string | null;
  kind: string;
  orgUnit: OrgUnitRef;
  validFrom: IsoDate | null;
  validTo: IsoDate | null;
  version: number;
  roles: AgencyRole[];
}

export interface Me {
  id: number | string;
  username: string;
  fullName: string;
  email: string | null;
  /** Decree 30 signature block of own documents ("" = the default). */
  signerTitle?: string;
  signerName?: string;
  orgUnit: OrgUnitRef;
  agency: AgencyRef | null;
  roles: string[];
  permissions: string[];
  mustChangePassword: boolean;
  csrfToken: string;
}

export interface LoginResponse {
  user: Me;
  csrfToken: string;
}

export interface Role {
  code: string;
  nameVi: string;
  nameEn: string;
  permissions: string[];
}

export interface User {
  id: number | string;
  username: string;
  fullName: string;
  email: string | null;
  orgUnit: OrgUnitRef;
  agency: AgencyRef | null;
  roles: string[];
  active: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface UserCreate {
  username: string;
  fullName: string;
  email: string | null;
  password: string;
  orgUnitCode: string;
  /** Resolve orgUnitCode on this day (YYYY-MM-DD): required when the code names different units over time. */
  orgUnitAsOf?: string | null;
  agencyId: number | string | null;
  roles: string[];
}

export interface UserUpdate {
  fullName: string;
  email: string | null;
  orgUnitCode: string;
  orgUnitAsOf?: string | null;
  agencyId: number | string | null;
  roles: string[];
  active: boolean;
  version: number;
}

export type AuditAction = 'create' | 'update' | 'delete';

export interface AuditEntry {
  id: number | string;
  at: string;
  username: string;
  action: AuditAction;
  entity: string;
  entityId: string | number;
  orgUnitCode: string | null;
  /** Not in docs/API.md, but sent by the server. */
  orgUnitName?: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

/** Permission codes the UI checks: generated from the server's catalogue (domain/access.hpp). */
export { PERM } from './permissions.gen';

// ----- Directives, attachments, tasks (docs/api-directives.md) -----

/** A taxonomy entry (directive kinds, programme categories, target groups, …). */
export interface CodeName {
  code: string;
  nameVi: string;
  nameEn: string;
  group?: string;
  sortOrder?: number;
  active?: boolean;
}

export interface Attachment {
  id: number | string;
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
  createdBy: string;
  createdAt: string;
  /** Where to download it: /api/attachments/{id}. */
  url: string;
}

export interface DirectiveRef {
  id: number | string;
  number: string;
  subject?: string;
  kind?: string;
  issueDate?: IsoDate;
}

export interface Directive {
  id: number | string;
  number: string;
  kind: string;
  kindName?: string;
  issuingAgency: AgencyRef | null;
  orgUnit: OrgUnitRef;
  issueDate: IsoDate;
  subject: string;
  recipients: { agencies: AgencyRef[]; lines: string[] };
  implements: DirectiveRef | null;
  taskCount: number;
  version: number;
}

export interface DirectiveDetail extends Directive {
  attachments: Attachment[];
  implementedBy: DirectiveRef[];
}

export type TaskStatusCode = 'not_started' | 'in_progress' | 'done';

export interface TaskDeadline {
  dueDate: IsoDate | null;
  recurrence: string;
  dueDays: string[];
  startsOn: IsoDate | null;
  endsOn: IsoDate | null;
}

export interface Task {
  id: number | string;
  directive: DirectiveRef;
  code: string;
  title: string;
  description: string;
  leadAgency: AgencyRef;
  coAgencies: AgencyRef[];
  orgUnit: OrgUnitRef;
  deadline: TaskDeadline;
  status: TaskStatusCode;
  lastUpdateOn: IsoDate | null;
  /** The due date that matters today (derived). */
  currentDue: IsoDate | null;
  /** Derived on read, never stored. */
  overdue: boolean;
  daysOverdue: number;
  version: number;
}

export interface TaskUpdate {
  id: number | string;
  date: IsoDate;
  note: string;
  status: TaskStatusCode;
  evidence: Attachment | null;
  username: string;
  createdAt: string;
}

export interface TaskDetail extends Task {
  updates: TaskUpdate[];
}

export interface TaskCounts {
  total: number;
  notStarted: number;
  inProgress: number;
  done: number;
  overdue: number;
}

export interface TaskBoard {
  agency: AgencyRef;
  today: IsoDate;
  counts: TaskCounts;
  columns: Record<TaskStatusCode, Task[]>;
}

export interface TaskOverview {
  orgUnit: OrgUnitRef;
  today: IsoDate;
  counts: TaskCounts;
  agencies: { agency: AgencyRef; counts: TaskCounts }[];
  overdue: Task[];
}

// ----- Programme review and integration plans (docs/api-plans.md) -----

export type Potential = 'high' | 'medium' | 'low' | 'none';

export interface BudgetAmount {
  fundingSource: string;
  year: number;
  amount: number;
}

export interface PotentialAssessment {
  assessment: Potential;
  note: string;
}

export interface Programme {
  id: number | string;
  orgUnit: OrgUnitRef;
  year: number;
  name: string;
  category: CodeName;
  leadAgency: AgencyRef;
  targetGroups: string[];
  interventionTypes: string[];
  interventionsNote: string;
  budget: BudgetAmount[];
  potential: { beneficiaries: PotentialAssessment; interventions: PotentialAssessment; resources: PotentialAssessment };
  note: string;
  version: number;
}

export interface ProgrammeRef {
  id: number | string;
  name: string;
}

export type PlanStatusCode = 'draft' | 'submitted' | 'returned' | 'approved' | 'superseded';

export interface PlanBeneficiary {
  targetGroup: string;
  programme: ProgrammeRef | null;
  plannedCount: number | null;
  note: string;
}

export interface PlanActivity {
  /** Not in docs/api-plans.md; needed to link a recorded activity to it (planActivityId). */
  id?: number | string;
  interventionType: string;
  targetGroup: string | null;
  programme: ProgrammeRef | null;
  description: string;
  plannedQuantity: number | null;
  quantityUnit: string;
  startDate: IsoDate | null;
  endDate: IsoDate | null;
  location: OrgUnitRef | null;
  leadAgency: AgencyRef | null;
  partners: AgencyRef[];
}

export interface PlanBudgetLine {
  fundingSource: string;
  year: number;
  amount: number;
  programme: ProgrammeRef | null;
  note: string;
}

export interface PlanSummary {
  id: number | string;
  rootId: number | string;
  planVersion: number;
  orgUnit: OrgUnitRef;
  agency: AgencyRef;
  year: number;
  title: string;
  status: PlanStatusCode;
  version: number;
  updatedAt: string;
  latest?: boolean;
  budgetTotal?: number;
}

export interface PlanTransition {
  id?: number | string;
  planId?: number | string;
  planVersion?: number;
  action: string;
  fromStatus: string | null;
  toStatus: string;
  username: string;
  fullName?: string;
  at: string;
  comment: string;
}

export interface PlanVersionRef {
  id: number | string;
  planVersion: number;
  status: PlanStatusCode;
  updatedAt?: string;
}

export interface Plan extends PlanSummary {
  note: string;
  beneficiaries: PlanBeneficiary[];
  activities: PlanActivity[];
  budget: PlanBudgetLine[];
  latest: boolean;
  /** What the caller may do with this version now (decided by the server). */
  can: { edit: boolean; submit: boolean; approve: boolean; return: boolean; newVersion: boolean };
}

// ----- Yearly evaluation of a plan (docs/api-evaluation.md) -----

export type CompletionStatus = 'not_started' | 'partly' | 'done' | 'over';

export interface EvaluatedActivityRef {
  id: number | string;
  title: string;
  startDate: string;
  endDate: string;
  orgUnit: OrgUnitRef | null;
  reached: number;
  spent: number;
}

export interface ActivityEvaluation {
  planActivity: {
    id: number | string;
    description: string;
    interventionType: string;
    targetGroup: string | null;
    startDate: string | null;
    endDate: string | null;
    leadAgency: AgencyRef | null;
  };
  /** measure: activities | people | output:<kind> — what the planned quantity counts. */
  planned: { quantity: number | null; unit: string; measure: string };
  achieved: { quantity: number; activities: number; people: number; outputs: { kind: string; quantity: number }[]; spent: number };
  /** Percent with one decimal (85.5), null without a target. */
  completion: number | null;
  status: CompletionStatus;
  costPerPerson: number | null;
  linkedActivities: EvaluatedActivityRef[];
}

export interface EvaluationNarrative {
  results: string;
  limitations: string;
  causes: string;
  lessons: string;
  proposals: string;
  version: number;
  updatedBy: string | null;
  updatedAt: string | null;
}

export interface PlanEvaluation {
  plan: PlanSummary & { latest: boolean };
  year: number;
  activities: ActivityEvaluation[];
  beneficiaries: { targetGroup: string; planned: number | null; reached: number; completion: number | null; status: CompletionStatus }[];
  unplanned: EvaluatedActivityRef[];
  unplannedCapped: boolean;
  outsideYear: (number | string)[];
  budget: { source: string; planned: number; spent: number; execution: number | null }[];
  totals: {
    plannedActivities: number;
    activitiesHeld: number;
    byStatus: Record<CompletionStatus, number>;
    reached: number;
    plannedBudget: number;
    spent: number;
    budgetExecution: number | null;
    unplanned: { count: number; reached: number; spent: number };
  };
  costPerPerson: number | null;
  indicators: IndicatorResult[];  // the plan unit's indicator results for the plan year
  narrative: EvaluationNarrative;
  can: { editNarrative: boolean };
}

// ----- Activities, people reached, surveys, bulk import (docs/api-activities.md) -----

export interface PlanActivityRef {
  id: number | string;
  planId: number | string;
  planTitle: string;
  description: string;
}

export interface ReachRow {
  targetGroup: string;
  total: number;
  female: number | null;
  male: number | null;
  /** Counts by age band code ("18_24": 12, …); empty when not broken down. */
  ages: Record<string, number>;
}

export interface OutputRow {
  kind: string;
  quantity: number;
}

export interface CostRow {
  fundingSource: string;
  amount: number;
}

export interface Activity {
  id: number | string;
  key: string | null;
  title: string;
  interventionType: { code: string; nameVi: string; nameEn: string };
  orgUnit: OrgUnitRef;
  leadAgency: AgencyRef;
  partners: AgencyRef[];
  programmes: ProgrammeRef[];
  planActivity: PlanActivityRef | null;
  /** false = an unplanned activity (no planActivity). */
  planned: boolean;
  startDate: IsoDate;
  endDate: IsoDate;
  year: number;
  reach: ReachRow[];
  reachedTotal: number;
  outputs: OutputRow[];
  costs: CostRow[];
  costTotal: number;
  /** Only on GET /api/activities/{id}, not in lists. */
  attachments?: Attachment[];
  note: string;
  source: 'form' | 'import' | 'demo' | string;
  createdBy: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** Lists that stop counting at 10,000 matches (totalCapped: there are more). */
export interface CappedPage<T> extends Page<T> {
  totalCapped?: boolean;
}

/** The body of POST /api/activities and PUT /api/activities/{id} (with version). */
export interface ActivityInput {
  title: string;
  interventionTypeCode: string;
  orgUnitCode: string;
  leadAgencyId: number | string;
  partnerAgencyIds: (number | string)[];
  programmeIds: (number | string)[];
  planActivityId: number | string | null;
  startDate: IsoDate;
  endDate: IsoDate;
  reach: { targetGroup: string; total: number; female?: number | null; male?: number | null; ages?: Record<string, number> }[];
  outputs: OutputRow[];
  costs: CostRow[];
  note: string;
  version?: number;
}

/** GET /api/activities/recent: the caller's own last activities, in the input shape. */
export type RecentActivity = Partial<ActivityInput> & {
  id?: number | string;
  title: string;
  startDate?: IsoDate;
  createdAt?: string;
  /** Not in docs/api-activities.md, but sent by the server: the unit and agency behind the codes. */
  orgUnit?: OrgUnitRef;
  leadAgency?: AgencyRef;
};

export type SurveyHalf = 0 | 1 | 2;

export interface Survey {
  id: number | string;
  orgUnit: OrgUnitRef;
  year: number;
  /** 0 = the whole year, 1 = first half, 2 = second half. */
  half: SurveyHalf;
  period: string;
  targetGroup: string;
  count: number;
  female: number | null;
  male: number | null;
  surveyDate: IsoDate;
  note: string;
  version: number;
  updatedAt: string;
}

export interface SurveyInput {
  orgUnitCode: string;
  year: number;
  half: SurveyHalf;
  targetGroup: string;
  count: number;
  female?: number | null;
  male?: number | null;
  surveyDate: IsoDate;
  note: string;
  version?: number;
}

export type ImportStatus = 'validating' | 'ready' | 'invalid' | 'committing' | 'committed' | 'failed';

export interface ImportRowError {
  /** Spreadsheet row number (the header is row 1). */
  row: number;
  /** Column letter ("H"). */
  column: string;
  field: string;
  message: string;
  messageEn: string;
}

export interface ActivityImport {
  id: number | string;
  filename: string;
  format: 'xlsx' | 'csv';
  status: ImportStatus;
  rowsRead: number;
  rowsTotal: number | null;
  /** 0–1, how far validation or commit has got. */
  progress?: number;
  newRows: number;
  duplicateRows: number;
  errorCount: number;
  /** The first 200 errors. */
  errors: ImportRowError[];
  /** The first 20 rows, as objects. */
  preview: Record<string, unknown>[];
  message: string;
  messageEn: string;
  createdAt: string;
  committedCount: number;
}

// ----- Periodic reports (docs/api-reports.md) -----

export type ReportFormCode = 'bc_6thang' | 'bc_nam' | string;
export type ReportValueType = 'number' | 'text' | 'bool';
export type ReportValue = number | string | boolean | null;
export type ReportStatus = 'not_started' | 'draft' | 'submitted' | 'returned' | 'accepted';
export type Timeliness = 'on_time' | 'late' | 'missing' | 'not_due' | 'due_soon';
export type Severity = 'error' | 'warning';

export interface ReportElement {
  code: string;
  label: string;
  labelEn: string;
  valueType: ReportValueType;
  source: 'computed' | 'manual';
}

export interface ReportSection {
  title: string;
  /** Not in the contract; shown when the server sends it. */
  titleEn?: string;
  elements: ReportElement[];
}

export interface ReportRule {
  expression: string;
  severity: Severity;
  message: string;
  messageEn: string;
}

export interface ReportForm {
  code: ReportFormCode;
  nameVi: string;
  nameEn: string;
  periodKind: 'half_year' | 'year';
  sections: ReportSection[];
  rules: ReportRule[];
}

export interface ReportPeriod {
  code: string;
  label: string;
  from: IsoDate;
  to: IsoDate;
  deadline: IsoDate;
  /** The data cut-off: the computed figures count activities from dataFrom to cutOff. */
  cutOff?: IsoDate;
  dataFrom?: IsoDate;
}

export interface ReportIssue {
  field: string;
  severity: Severity;
  message: string;
  messageEn: string;
}

export interface ReportHistoryEntry {
  action: string;
  comment: string | null;
  username: string;
  at: string;
  /** The unit the user acted for on its behalf (history through the successors). */
  onBehalfOf?: { id: number; code?: string; name?: string } | null;
  onBehalfLabel?: string;
  onBehalfLabelEn?: string;
}

export interface ReportCan {
  edit: boolean;
  submit: boolean;
  accept: boolean;
  return: boolean;
  reopen: boolean;
}

export interface Report {
  id: number | string | null;
  form: ReportFormCode;
  period: ReportPeriod;
  orgUnit: OrgUnitRef;
  status: ReportStatus;
  values: Record<string, ReportValue>;
  timeliness: Timeliness;
  submittedAt: string | null;
  submittedBy: string | null;
  returnComment: string | null;
  history: ReportHistoryEntry[];
  version: number;
  issues: ReportIssue[];
  can: ReportCan;
  /** A level's report (units or agencies report to it): its compilation; null otherwise. */
  compilation?: ReportCompilationParts | null;
  /** The live figures of all activities of the subtree (the cross-check). */
  live?: Record<string, number>;
  /** Units below without an accepted report (as confirmed at submit once frozen). */
  missingUnits?: ReportMissingUnit[];
  /** An agency's report to its province (docs/api-reports.md, "Agency reports"). */
  agency?: AgencyRef | null;
  /** An ad-hoc period (adhoc-<id>): its request. */
  requestId?: number | null;
  requestStatus?: 'open' | 'closed' | null;
  /** Entered on behalf of a unit that no longer exists (history through the successors). */
  onBehalf?: { orgUnit: OrgUnitRef | null; by: string; label: string; labelEn: string } | null;
  /** How the caller acts for this report: fill own / on behalf / none, and the level it reviews for. */
  acting?: {
    fill: 'own' | 'on_behalf' | 'none';
    fillLabel: string | null;
    fillLabelEn: string | null;
    reviewLevel: OrgUnitRef | null;
    reviewOnBehalf: boolean;
  };
  paperSubmittedOn?: IsoDate | null;
  paperReason?: string | null;
}

/** A unit whose report for a period the caller may fill (GET /api/reports/acting-units). */
export interface ActingUnit extends OrgUnitRef {
  acting: 'own' | 'on_behalf';
  parent: { code: string; name: string } | null;
  asOf: IsoDate;
}

/** An import of past reports (POST /api/report-imports). */
export interface ReportImport {
  id: number;
  filename: string;
  status: 'validating' | 'ready' | 'invalid' | 'committing' | 'committed' | 'failed';
  progress: number;
  sheetsTotal: number | null;
  sheetsRead: number;
  errorCount: number;
  errors: { sheet: string; row: number | null; column: string; field: string; message: string; messageEn: string }[];
  preview: {
    sheet: string;
    orgUnit: OrgUnitRef | null;
    form: string;
    period: string;
    status: string;
    paperSubmittedOn: string;
    onBehalf: { label: string; labelEn: string } | null;
  }[];
  message: string;
  messageEn: string;
  committedCount: number;
}

export interface ReportCompleteness {
  expected: number;
  submitted: number;
  accepted: number;
  onTime: number;
  late: number;
  missing: number;
}

/** An ad-hoc report request (báo cáo đột xuất), GET /api/report-requests. */
export interface ReportRequest {
  id: number;
  form: ReportFormCode;
  title: string;
  from: IsoDate;
  to: IsoDate;
  deadline: IsoDate;
  period: string;
  issuer: OrgUnitRef | null;
  createdBy: string;
  createdAt: string;
  status: 'open' | 'closed';
  closedAt: string | null;
  unitCount: number;
  asked: boolean;
  can: { close: boolean };
  completeness?: ReportCompleteness;
  units?: ReportCompileUnit[];
  myReport?: { reportId: number | null; status: ReportStatus; timeliness: Timeliness };
}

export interface ReportRequestInput {
  form: ReportFormCode;
  title: string;
  from: IsoDate;
  to: IsoDate;
  deadline: IsoDate;
  unitCodes?: string[];
}

export interface ReportSaveInput {
  form: ReportFormCode;
  period: string;
  orgUnitCode: string;
  /** Resolve orgUnitCode on this day (a former unit: its last day). */
  asOf?: string;
  agencyId?: number | string;
  values: Record<string, ReportValue>;
  version?: number;
}

export interface ReportCompileUnit {
  orgUnit: OrgUnitRef;
  status: ReportStatus;
  timeliness: Timeliness;
  submittedAt: string | null;
  values: Record<string, ReportValue>;
}

export interface ReportCompleteness {
  expected: number;
  submitted: number;
  accepted: number;
  onTime: number;
  late: number;
  missing: number;
}

export interface ReportMissingUnit {
  orgUnit?: OrgUnitRef;
  agency?: AgencyRef;
  name: string;
  status: ReportStatus;
}

/** Why a unit's live figure differs from what the compilation counts of it (docs/api-reports.md). */
export interface ReportDifference {
  orgUnit?: OrgUnitRef;
  agency?: AgencyRef;
  status: ReportStatus;
  reason: 'none' | 'not_reported' | 'not_accepted' | 'returned' | 'recorded_after_acceptance';
  message: string | null;
  messageEn: string | null;
  difference: Record<string, number>;
}

export interface ReportCompilationParts {
  compiled: Record<string, number>;
  own: Record<string, number | null>;
  total: Record<string, number>;
  live: Record<string, number>;
  differences: ReportDifference[];
  frozen: boolean;
  missingUnits: ReportMissingUnit[];
}

export interface ReportCompilation {
  orgUnit: OrgUnitRef;
  period: ReportPeriod;
  units: ReportCompileUnit[];
  completeness: ReportCompleteness;
  compiled: Record<string, number | null>;
  own: Record<string, number | null>;
  total: Record<string, number | null>;
  computed: Record<string, number | null>;
  differences?: ReportDifference[];
  missingUnits?: ReportMissingUnit[];
  frozen?: boolean;
}

/**
 * One in-app reminder (GET /api/reports/reminders). The contract names only "the caller's own
 * reports due within 7 days or overdue"; the UI reads these fields when present
 * (see `normaliseReminder` in src/reports.ts).
 */
export interface ReportReminderRaw {
  form?: ReportFormCode;
  period?: ReportPeriod | string;
  periodLabel?: string;
  orgUnit?: OrgUnitRef;
  deadline?: IsoDate;
  timeliness?: Timeliness;
  status?: ReportStatus;
  daysLeft?: number;
  daysOverdue?: number;
  [key: string]: unknown;
}

// ----- Boundaries for maps (docs/api-boundaries.md) -----

export interface GeoFeature {
  type: 'Feature';
  id: string;
  properties: { code: string; name: string; fullName?: string };
  geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown };
}

export interface GeoFeatureCollection {
  type: 'FeatureCollection';
  level: 'province' | 'commune';
  asOf: IsoDate;
  features: GeoFeature[];
}

// ----- Indicators and targets (docs/api-indicators.md) -----

/** One side of an indicator's formula (domain/indicators.hpp: Term). */
/** Who recorded the activities a term counts (docs/api-indicators.md, "Who recorded it"). */
export interface IndicatorRecordedBy {
  levels?: string[];
  agencyKinds?: string[];
}

export interface IndicatorTerm {
  measure: string;
  recordedBy?: IndicatorRecordedBy;
  [filter: string]: string | number | IndicatorRecordedBy | undefined;
}

export interface IndicatorDef {
  code: string;
  name: string;
  nameEn: string;
  /** Unit of measure as shown: "%", "cuộc"… */
  unit: string;
  percent: boolean;
  numerator: IndicatorTerm;
  denominator: IndicatorTerm | null;
  higherIsBetter: boolean;
  greenAt: number;
  amberAt: number;
}

export type IndicatorStatus = 'green' | 'amber' | 'red' | 'grey';

export interface IndicatorResult extends Omit<IndicatorDef, 'numerator' | 'denominator'> {
  numerator: number;
  denominator: number | null;
  /** null when the denominator is 0 */
  value: number | null;
  target: number | null;
  /** The unit whose target applies (the unit's own, or the nearest above it). */
  targetFrom: OrgUnitRef | null;
  achievement: number | null;
  status: IndicatorStatus;
}

export interface IndicatorResults {
  orgUnit: OrgUnitRef;
  year: number;
  referenceDay: IsoDate;
  items: IndicatorResult[];
}

export interface ScorecardCell {
  code: string;
  value: number | null;
  target: number | null;
  achievement: number | null;
  status: IndicatorStatus;
}

export interface ScorecardRow {
  orgUnit: OrgUnitRef;
  results: ScorecardCell[];
}

export interface Scorecard {
  orgUnit: OrgUnitRef;
  year: number;
  referenceDay: IsoDate;
  indicators: IndicatorDef[];
  total: ScorecardRow;
  units: ScorecardRow[];
}

export interface IndicatorTarget {
  id: number;
  indicator: string;
  orgUnit: OrgUnitRef;
  year: number;
  target: number;
  updatedBy: string;
  updatedAt: string;
}

export interface IndicatorTargetInput {
  indicator: string;
  orgUnitCode: string;
  year: number;
  target: number;
}
