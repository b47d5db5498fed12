// Resource shapes of the longghep HTTP API (docs/API.md), as names over the types generated from
// the server's contract (schema.gen.ts, from GET /api/openapi.json, whose schemas are the files
// src/http/schemas/*.json): change a shape there, then run `node web/scripts/api-types.mjs`.
import type { components } from './schema.gen';

type S = components['schemas'];

export type IsoDate = S['IsoDate'];

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface Items<T> {
  items: T[];
}

export type OrgUnitRef = S['OrgUnitRef'];

export type OrgUnit = S['OrgUnit'];

export type LineageType = S['LineageType'];

export type Lineage = S['Lineage'];

export type AgencyRef = S['AgencyRef'];

export type OrgUnitDetail = S['OrgUnitDetail'];

export type OrgUnitKind = S['OrgUnitKind'];

export type AgencyKind = S['AgencyKind'];

export type AgencyRole = S['AgencyRole'];

export type Agency = S['Agency'];

export type Me = S['Me'];

export type LoginResponse = S['LoginResponse'];

export type Role = S['Role'];

export type User = S['User'];

export type UserCreate = S['UserCreate'];

export type UserUpdate = S['UserUpdate'];

export type AuditAction = S['AuditAction'];

export type AuditEntry = S['AuditEntry'];

/** Permission codes the UI checks: generated from the server's catalogue (domain/access.hpp). */
export { PERM } from './permissions.gen';

// ----- Directives, attachments, tasks (docs/api-directives.md) -----

export type CodeName = S['CodeName'];

export type Attachment = S['Attachment'];

export type DirectiveRef = S['DirectiveRef'];

export type Directive = S['Directive'];

export type DirectiveDetail = S['DirectiveDetail'];

export type TaskStatusCode = S['TaskStatusCode'];

export type TaskDeadline = S['TaskDeadline'];

export type Task = S['Task'];

export type TaskUpdate = S['TaskUpdate'];

export type TaskDetail = S['TaskDetail'];

export type TaskCounts = S['TaskCounts'];

export type TaskBoard = S['TaskBoard'];

export type TaskOverview = S['TaskOverview'];

// ----- Programme review and integration plans (docs/api-plans.md) -----

export type Potential = S['Potential'];

export type BudgetAmount = S['BudgetAmount'];

export type PotentialAssessment = S['PotentialAssessment'];

export type Programme = S['Programme'];

export type ProgrammeRef = S['ProgrammeRef'];

export type PlanStatusCode = S['PlanStatusCode'];

export type PlanBeneficiary = S['PlanBeneficiary'];

export type PlanActivity = S['PlanActivity'];

export type PlanBudgetLine = S['PlanBudgetLine'];

export type PlanSummary = S['PlanSummary'];

export type PlanTransition = S['PlanTransition'];

export type PlanVersionRef = S['PlanVersionRef'];

export type Plan = S['Plan'];

export type PlanDecision = NonNullable<S['PlanDecision']>;

export type LinkablePlan = S['LinkablePlan'];

export type LinkablePlanList = S['LinkablePlanList'];

// ----- Yearly evaluation of a plan (docs/api-evaluation.md) -----

export type CompletionStatus = S['CompletionStatus'];

export type EvaluatedActivityRef = S['EvaluatedActivityRef'];

export type ActivityEvaluation = S['ActivityEvaluation'];

export type EvaluationNarrative = S['EvaluationNarrative'];

export type PlanEvaluation = S['PlanEvaluation'];

// ----- Activities, people reached, surveys, bulk import (docs/api-activities.md) -----

export type PlanActivityRef = S['PlanActivityRef'];

export type ReachRow = S['ReachRow'];

export type OutputRow = S['OutputRow'];

export type CostRow = S['CostRow'];

export type Activity = S['Activity'];

/** Lists that stop counting at 10,000 matches (totalCapped: there are more). */
export interface CappedPage<T> extends Page<T> {
  totalCapped?: boolean;
}

export type ActivityInput = S['ActivityInput'];

export type RecentActivity = S['RecentActivity'];

export type SurveyHalf = S['SurveyHalf'];

export type Survey = S['Survey'];

export type SurveyInput = S['SurveyInput'];

export type ImportStatus = S['ImportStatus'];

export type ImportRowError = S['ImportRowError'];

export type ActivityImport = S['ActivityImport'];

// ----- Periodic reports (docs/api-reports.md) -----

export type ReportFormCode = S['ReportFormCode'];
export type ReportValueType = S['ReportValueType'];
export type ReportValue = S['ReportValue'];
export type ReportStatus = S['ReportStatus'];
export type Timeliness = S['Timeliness'];
export type Severity = S['Severity'];

export type ReportElement = S['ReportElement'];

export type ReportSection = S['ReportSection'];

export type ReportRule = S['ReportRule'];

export type ReportForm = S['ReportForm'];

export type ReportPeriod = S['ReportPeriod'];

export type ReportIssue = S['ReportIssue'];

export type ReportHistoryEntry = S['ReportHistoryEntry'];

export type ReportCan = S['ReportCan'];

export type Report = S['Report'];

export type ActingUnit = S['ActingUnit'];

export type ReportImport = S['ReportImport'];

export type ReportCompleteness = S['ReportCompleteness'];

export type ReportRequest = S['ReportRequest'];

export type ReportRequestInput = S['ReportRequestInput'];

export type ReportSaveInput = S['ReportSaveInput'];

export type ReportCompileUnit = S['ReportCompileUnit'];

export type ReportMissingUnit = S['ReportMissingUnit'];

export type ReportDifference = S['ReportDifference'];

export type ReportCompilationParts = S['ReportCompilationParts'];

export type ReportCompilation = S['ReportCompilation'];

export type ReportReminderRaw = S['ReportReminderRaw'];

// ----- Boundaries for maps (docs/api-boundaries.md) -----

export type GeoFeature = S['GeoFeature'];

export type GeoFeatureCollection = S['GeoFeatureCollection'];

// ----- Indicators and targets (docs/api-indicators.md) -----

/** One side of an indicator's formula (domain/indicators.hpp: Term). */
export type IndicatorRecordedBy = S['IndicatorRecordedBy'];

export type IndicatorTerm = S['IndicatorTerm'];

export type IndicatorDef = S['IndicatorDef'];

export type IndicatorStatus = S['IndicatorStatus'];

export type IndicatorResult = S['IndicatorResult'];

export type IndicatorResults = S['IndicatorResults'];

export type ScorecardCell = S['ScorecardCell'];

export type ScorecardRow = S['ScorecardRow'];

export type Scorecard = S['Scorecard'];

export type IndicatorTarget = S['IndicatorTarget'];

export type IndicatorTargetInput = S['IndicatorTargetInput'];
