// The one route table: each page's address, its component (loaded on demand), the permission
// that opens it, and — for pages in the side menu — its label (vi/en via i18n), icon and group.
// The router (App.tsx), the side menu (AppLayout.tsx) and the permission check all read it, so a
// new page is one entry here. Permission names are the API's (PERM, api/types.ts).
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import {
  AccountBookOutlined,
  CloudSyncOutlined,
  AimOutlined,
  ApartmentOutlined,
  AuditOutlined,
  BankOutlined,
  BarChartOutlined,
  CarryOutOutlined,
  CloudUploadOutlined,
  DashboardOutlined,
  DollarOutlined,
  FileDoneOutlined,
  FileSearchOutlined,
  FileTextOutlined,
  FormOutlined,
  HomeOutlined,
  IdcardOutlined,
  ShopOutlined,
  SafetyCertificateOutlined,
  BookOutlined,
  CalendarOutlined,
  GlobalOutlined,
  MailOutlined,
  ApiOutlined,
  InboxOutlined,
  PieChartOutlined,
  ProjectOutlined,
  ScheduleOutlined,
  SolutionOutlined,
  TeamOutlined,
  TrophyOutlined,
  OrderedListOutlined,
} from '@ant-design/icons';
import { PERM } from './api/types';
import type { MessageKey } from './i18n';

/** Side-menu sections, in the order shown. */
export const MENU_GROUPS = ['overview', 'catalogue', 'direction', 'planning', 'activities', 'reporting', 'admin'] as const;
export type MenuGroup = (typeof MENU_GROUPS)[number];

export interface PageRoute {
  /** The address (react-router pattern). */
  path: string;
  page: LazyExoticComponent<ComponentType>;
  /** The permission that opens the page (and shows its menu entry); none: every signed-in user. */
  perm?: string;
  /** Its side-menu entry; pages reached from others (a plan, an edit form) have none. */
  menu?: { label: MessageKey; icon: ComponentType; group: MenuGroup };
}

export const ROUTES: PageRoute[] = [
  {
    path: '/my-work',
    page: lazy(() => import('./pages/MyWorkPage')),
    menu: { label: 'menu.myWork', icon: HomeOutlined, group: 'overview' },
  },
  {
    path: '/dashboard',
    page: lazy(() => import('./pages/DashboardPage')),
    perm: PERM.activitiesRead,
    menu: { label: 'menu.dashboard', icon: DashboardOutlined, group: 'overview' },
  },
  {
    path: '/analytics/pivot',
    page: lazy(() => import('./pages/PivotPage')),
    perm: PERM.activitiesRead,
    menu: { label: 'menu.pivot', icon: PieChartOutlined, group: 'overview' },
  },
  {
    path: '/org-units',
    page: lazy(() => import('./pages/OrgUnitsPage')),
    menu: { label: 'menu.orgUnits', icon: ApartmentOutlined, group: 'catalogue' },
  },
  {
    path: '/agencies',
    page: lazy(() => import('./pages/AgenciesPage')),
    menu: { label: 'menu.agencies', icon: BankOutlined, group: 'catalogue' },
  },
  {
    path: '/directives',
    page: lazy(() => import('./pages/DirectivesPage')),
    perm: PERM.directivesRead,
    menu: { label: 'menu.directives', icon: FileTextOutlined, group: 'direction' },
  },
  {
    path: '/tasks',
    page: lazy(() => import('./pages/TasksPage')),
    perm: PERM.directivesRead,
    menu: { label: 'menu.tasks', icon: CarryOutOutlined, group: 'direction' },
  },
  {
    path: '/programmes',
    page: lazy(() => import('./pages/ProgrammesPage')),
    perm: PERM.programmesRead,
    menu: { label: 'menu.programmes', icon: FileSearchOutlined, group: 'planning' },
  },
  {
    path: '/plans',
    page: lazy(() => import('./pages/PlansPage')),
    perm: PERM.plansRead,
    menu: { label: 'menu.plans', icon: ProjectOutlined, group: 'planning' },
  },
  {
    path: '/plans/inbox',
    page: lazy(() => import('./pages/PlansInboxPage')),
    perm: PERM.plansApprove,
    menu: { label: 'menu.inbox', icon: InboxOutlined, group: 'planning' },
  },
  { path: '/plans/:id', page: lazy(() => import('./pages/PlansViewPage')), perm: PERM.plansRead },
  { path: '/plans/:id/evaluation', page: lazy(() => import('./pages/PlanEvaluationPage')), perm: PERM.plansRead },
  // Money through its stages (issue 19): allocation decisions and the execution figures.
  {
    path: '/allocation-decisions',
    page: lazy(() => import('./pages/money/AllocationDecisionsPage')),
    perm: PERM.plansRead,
    menu: { label: 'menu.allocations', icon: AccountBookOutlined, group: 'planning' },
  },
  { path: '/allocation-decisions/new', page: lazy(() => import('./pages/money/AllocationDecisionFormPage')), perm: PERM.moneyAllocate },
  { path: '/allocation-decisions/:id/edit', page: lazy(() => import('./pages/money/AllocationDecisionFormPage')), perm: PERM.moneyAllocate },
  { path: '/allocation-decisions/:id/amend', page: lazy(() => import('./pages/money/AllocationDecisionFormPage')), perm: PERM.moneyAllocate },
  { path: '/allocation-decisions/:id', page: lazy(() => import('./pages/money/AllocationDecisionPage')), perm: PERM.plansRead },
  {
    path: '/money',
    page: lazy(() => import('./pages/money/MoneyPage')),
    perm: PERM.plansRead,
    menu: { label: 'menu.money', icon: DollarOutlined, group: 'planning' },
  },
  {
    path: '/activities',
    page: lazy(() => import('./pages/ActivitiesPage')),
    perm: PERM.activitiesRead,
    menu: { label: 'menu.activities', icon: ScheduleOutlined, group: 'activities' },
  },
  {
    path: '/activities/new',
    page: lazy(() => import('./pages/ActivityFormPage')),
    perm: PERM.activitiesRecord,
    menu: { label: 'menu.activityNew', icon: FormOutlined, group: 'activities' },
  },
  {
    path: '/activities/import',
    page: lazy(() => import('./pages/ActivityImportPage')),
    perm: PERM.activitiesRecord,
    menu: { label: 'menu.activityImport', icon: CloudUploadOutlined, group: 'activities' },
  },
  { path: '/activities/:id/edit', page: lazy(() => import('./pages/ActivityFormPage')), perm: PERM.activitiesRecord },
  {
    path: '/surveys',
    page: lazy(() => import('./pages/SurveysPage')),
    perm: PERM.activitiesRead,
    menu: { label: 'menu.surveys', icon: SolutionOutlined, group: 'activities' },
  },
  // People supported (issue 16): records by client code; the wall keeps police and inspectors out.
  {
    path: '/cases',
    page: lazy(() => import('./pages/CasesPage')),
    perm: PERM.casesRead,
    menu: { label: 'menu.cases', icon: IdcardOutlined, group: 'activities' },
  },
  { path: '/cases/new', page: lazy(() => import('./pages/CaseNewPage')), perm: PERM.casesRecord },
  { path: '/cases/:id', page: lazy(() => import('./pages/CaseViewPage')), perm: PERM.casesRead },
  {
    path: '/case-groups',
    page: lazy(() => import('./pages/cases/CaseGroupsPage')),
    perm: PERM.casesRead,
    menu: { label: 'menu.caseGroups', icon: TeamOutlined, group: 'activities' },
  },
  { path: '/case-groups/:id', page: lazy(() => import('./pages/cases/CaseGroupPage')), perm: PERM.casesRead },
  {
    path: '/referrals/inbox',
    page: lazy(() => import('./pages/cases/ReferralInboxPage')),
    perm: PERM.casesReferralsReceive,
    menu: { label: 'menu.referralInbox', icon: InboxOutlined, group: 'activities' },
  },
  // Service business registry (issue 17): commune and province officers read, the inspection team writes.
  {
    path: '/businesses',
    page: lazy(() => import('./pages/BusinessesPage')),
    perm: PERM.businessesRead,
    menu: { label: 'menu.businesses', icon: ShopOutlined, group: 'activities' },
  },
  // Inspections of service businesses (issue 17 §2–§6): the inspection team writes, officers read.
  {
    path: '/inspections',
    page: lazy(() => import('./pages/InspectionsPage')),
    perm: PERM.inspectionsRead,
    menu: { label: 'menu.inspections', icon: SafetyCertificateOutlined, group: 'activities' },
  },
  { path: '/inspections/new', page: lazy(() => import('./pages/InspectionFormPage')), perm: PERM.inspectionsWrite },
  { path: '/inspections/:id', page: lazy(() => import('./pages/InspectionFormPage')), perm: PERM.inspectionsRead },
  {
    path: '/inspection-plans',
    page: lazy(() => import('./pages/InspectionPlansPage')),
    perm: PERM.inspectionsRead,
    menu: { label: 'menu.inspectionPlans', icon: CalendarOutlined, group: 'activities' },
  },
  {
    path: '/legal-references',
    page: lazy(() => import('./pages/LegalReferencesPage')),
    perm: PERM.inspectionsRead,
    menu: { label: 'menu.legalReferences', icon: BookOutlined, group: 'activities' },
  },
  // Offline entry (issue 21): the outbox of what was recorded without a network.
  {
    path: '/offline',
    page: lazy(() => import('./offline/OfflineQueuePage')),
    perm: PERM.activitiesRecord,
    menu: { label: 'menu.offline', icon: CloudSyncOutlined, group: 'activities' },
  },
  {
    path: '/reports',
    page: lazy(() => import('./pages/ReportsPage')),
    perm: PERM.reportsRead,
    menu: { label: 'menu.reports', icon: FileDoneOutlined, group: 'reporting' },
  },
  { path: '/reports/import-history', page: lazy(() => import('./pages/ReportsHistoryImportPage')), perm: PERM.reportsSubmit },
  {
    path: '/reports/compile',
    page: lazy(() => import('./pages/ReportsCompilePage')),
    perm: PERM.reportsReview,
    menu: { label: 'menu.reportsCompile', icon: BarChartOutlined, group: 'reporting' },
  },
  {
    path: '/indicators',
    page: lazy(() => import('./pages/IndicatorsPage')),
    perm: PERM.indicatorsRead,
    menu: { label: 'menu.indicators', icon: AimOutlined, group: 'reporting' },
  },
  // Commune classification (issue 18): communes self-assess, the province checks and approves.
  {
    path: '/classification',
    page: lazy(() => import('./pages/ClassificationPage')),
    perm: PERM.classificationRead,
    menu: { label: 'menu.classification', icon: TrophyOutlined, group: 'reporting' },
  },
  {
    path: '/classification/assessments/:id',
    page: lazy(() => import('./pages/ClassificationAssessmentPage')),
    perm: PERM.classificationRead,
  },
  {
    path: '/classification/sets',
    page: lazy(() => import('./pages/ClassificationSetsPage')),
    perm: PERM.classificationRead,
    menu: { label: 'menu.classificationSets', icon: OrderedListOutlined, group: 'reporting' },
  },
  {
    path: '/interop/dhis2',
    page: lazy(() => import('./pages/Dhis2Page')),
    perm: PERM.interopExport,
    menu: { label: 'menu.dhis2', icon: ApiOutlined, group: 'reporting' },
  },
  {
    path: '/users',
    page: lazy(() => import('./pages/UsersPage')),
    perm: PERM.usersRead,
    menu: { label: 'menu.users', icon: TeamOutlined, group: 'admin' },
  },
  {
    path: '/audit',
    page: lazy(() => import('./pages/AuditPage')),
    perm: PERM.auditRead,
    menu: { label: 'menu.audit', icon: AuditOutlined, group: 'admin' },
  },
  {
    path: '/system/mail',
    page: lazy(() => import('./pages/MailSettingsPage')),
    perm: PERM.systemManage,
    menu: { label: 'menu.mail', icon: MailOutlined, group: 'admin' },
  },
  {
    // the caller's own API tokens (issue 21), from the header; ?user= for an administrator
    path: '/account/tokens',
    page: lazy(() => import('./pages/TokensPage')),
  },
  {
    path: '/boundaries',
    page: lazy(() => import('./pages/BoundariesPage')),
    perm: PERM.boundariesManage,
    menu: { label: 'menu.boundaries', icon: GlobalOutlined, group: 'admin' },
  },
];

/** True when the caller may open the page. */
export function mayOpen(route: Pick<PageRoute, 'perm'>, can: (perm: string) => boolean): boolean {
  return route.perm === undefined || can(route.perm);
}

export interface MenuEntry {
  path: string;
  label: MessageKey;
  icon: ComponentType;
  group: MenuGroup;
}

/** The side menu for a caller: the entries of the pages they may open, by group, in table order. */
export function menuFor(can: (perm: string) => boolean, routes: PageRoute[] = ROUTES): { group: MenuGroup; entries: MenuEntry[] }[] {
  const visible = routes.flatMap((r) => (r.menu && mayOpen(r, can) ? [{ path: r.path, ...r.menu }] : []));
  return MENU_GROUPS.map((group) => ({ group, entries: visible.filter((e) => e.group === group) })).filter(
    (g) => g.entries.length > 0,
  );
}

/**
 * The menu entry to highlight for an address: the one whose path is the longest prefix of it
 * (/plans/12 → /plans, /plans/inbox → /plans/inbox, /activities/5/edit → /activities); else the
 * address's first segment.
 */
export function selectedEntry(pathname: string, paths: string[]): string {
  return (
    paths
      .filter((k) => pathname === k || pathname.startsWith(`${k}/`))
      .sort((a, b) => b.length - a.length)[0] ?? '/' + (pathname.split('/')[1] ?? '')
  );
}

/** The data-testid of a menu entry ("menu-plans-inbox" for /plans/inbox). */
export const menuTestId = (path: string): string => `menu-${path.slice(1).replace('/', '-')}`;
