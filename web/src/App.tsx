// Providers and routes. Pages are loaded on demand so the login screen stays light.
import { lazy, Suspense, type ReactNode } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { App as AntApp, Button, ConfigProvider, Result, Spin } from 'antd';
import viVN from 'antd/locale/vi_VN';
import enUS from 'antd/locale/en_US';
import { useI18n } from './i18n';
import { SessionProvider, useSession } from './session';
import { PERM } from './api/types';
import { AppLayout } from './components/AppLayout';
import { Forbidden, NotFound } from './components/ResultPages';

const LoginPage = lazy(() => import('./pages/LoginPage'));
const OrgUnitsPage = lazy(() => import('./pages/OrgUnitsPage'));
const AgenciesPage = lazy(() => import('./pages/AgenciesPage'));
const UsersPage = lazy(() => import('./pages/UsersPage'));
const AuditPage = lazy(() => import('./pages/AuditPage'));
const DirectivesPage = lazy(() => import('./pages/DirectivesPage'));
const TasksPage = lazy(() => import('./pages/TasksPage'));
const ProgrammesPage = lazy(() => import('./pages/ProgrammesPage'));
const PlansPage = lazy(() => import('./pages/PlansPage'));
const PlansViewPage = lazy(() => import('./pages/PlansViewPage'));
const PlansInboxPage = lazy(() => import('./pages/PlansInboxPage'));
const PlanEvaluationPage = lazy(() => import('./pages/PlanEvaluationPage'));
const ActivitiesPage = lazy(() => import('./pages/ActivitiesPage'));
const ActivityFormPage = lazy(() => import('./pages/ActivityFormPage'));
const ActivityImportPage = lazy(() => import('./pages/ActivityImportPage'));
const SurveysPage = lazy(() => import('./pages/SurveysPage'));
const ReportsPage = lazy(() => import('./pages/ReportsPage'));
const ReportsCompilePage = lazy(() => import('./pages/ReportsCompilePage'));
const ReportsHistoryImportPage = lazy(() => import('./pages/ReportsHistoryImportPage'));
const DashboardPage = lazy(() => import('./pages/DashboardPage'));
const PivotPage = lazy(() => import('./pages/PivotPage'));
const IndicatorsPage = lazy(() => import('./pages/IndicatorsPage'));
const BoundariesPage = lazy(() => import('./pages/BoundariesPage'));

export function PageSpinner() {
  return (
    <div style={{ padding: 48, textAlign: 'center' }}>
      <Spin />
    </div>
  );
}

/** Signed-in area: waits for GET /api/me, sends the signed-out to /login. */
function RequireAuth({ children }: { children: ReactNode }) {
  const { status, error, reload } = useSession();
  const { t, errText } = useI18n();
  const location = useLocation();
  if (status === 'loading') return <PageSpinner />;
  if (status === 'error') {
    return (
      <Result
        status="error"
        title={errText(error)}
        extra={<Button onClick={() => void reload()}>{t('common.reload')}</Button>}
      />
    );
  }
  if (status === 'out') return <Navigate to="/login" replace state={{ from: location }} />;
  return <>{children}</>;
}

/**
 * The page after sign-in: the dashboard for ministry and province users (who read activities),
 * the hierarchy for everyone else.
 */
function Home() {
  const { me, can } = useSession();
  const kind = me?.orgUnit?.kind;
  const dashboard = can(PERM.activitiesRead) && (kind === 'central' || kind === 'province');
  return <Navigate to={dashboard ? '/dashboard' : '/org-units'} replace />;
}

function RequirePermission({ perm, children }: { perm: string; children: ReactNode }) {
  const { can } = useSession();
  return can(perm) ? <>{children}</> : <Forbidden />;
}

export function App() {
  const { lang } = useI18n();
  return (
    <ConfigProvider locale={lang === 'vi' ? viVN : enUS}>
      <AntApp>
        <SessionProvider>
          <BrowserRouter>
            <Suspense fallback={<PageSpinner />}>
              <Routes>
                <Route path="/login" element={<LoginPage />} />
                <Route
                  element={
                    <RequireAuth>
                      <AppLayout />
                    </RequireAuth>
                  }
                >
                  <Route index element={<Home />} />
                  <Route
                    path="/dashboard"
                    element={
                      <RequirePermission perm={PERM.activitiesRead}>
                        <DashboardPage />
                      </RequirePermission>
                    }
                  />
                  <Route
                    path="/analytics/pivot"
                    element={
                      <RequirePermission perm={PERM.activitiesRead}>
                        <PivotPage />
                      </RequirePermission>
                    }
                  />
                  <Route path="/org-units" element={<OrgUnitsPage />} />
                  <Route path="/agencies" element={<AgenciesPage />} />
                  <Route
                    path="/users"
                    element={
                      <RequirePermission perm={PERM.usersRead}>
                        <UsersPage />
                      </RequirePermission>
                    }
                  />
                  <Route
                    path="/boundaries"
                    element={
                      <RequirePermission perm={PERM.boundariesManage}>
                        <BoundariesPage />
                      </RequirePermission>
                    }
                  />
                  <Route
                    path="/audit"
                    element={
                      <RequirePermission perm={PERM.auditRead}>
                        <AuditPage />
                      </RequirePermission>
                    }
                  />
                  <Route
                    path="/directives"
                    element={
                      <RequirePermission perm={PERM.directivesRead}>
                        <DirectivesPage />
                      </RequirePermission>
                    }
                  />
                  <Route
                    path="/tasks"
                    element={
                      <RequirePermission perm={PERM.directivesRead}>
                        <TasksPage />
                      </RequirePermission>
                    }
                  />
                  <Route
                    path="/programmes"
                    element={
                      <RequirePermission perm={PERM.programmesRead}>
                        <ProgrammesPage />
                      </RequirePermission>
                    }
                  />
                  <Route
                    path="/plans"
                    element={
                      <RequirePermission perm={PERM.plansRead}>
                        <PlansPage />
                      </RequirePermission>
                    }
                  />
                  <Route
                    path="/plans/inbox"
                    element={
                      <RequirePermission perm={PERM.plansApprove}>
                        <PlansInboxPage />
                      </RequirePermission>
                    }
                  />
                  <Route
                    path="/plans/:id"
                    element={
                      <RequirePermission perm={PERM.plansRead}>
                        <PlansViewPage />
                      </RequirePermission>
                    }
                  />
                  <Route
                    path="/plans/:id/evaluation"
                    element={
                      <RequirePermission perm={PERM.plansRead}>
                        <PlanEvaluationPage />
                      </RequirePermission>
                    }
                  />
                  <Route
                    path="/activities"
                    element={
                      <RequirePermission perm={PERM.activitiesRead}>
                        <ActivitiesPage />
                      </RequirePermission>
                    }
                  />
                  <Route
                    path="/activities/new"
                    element={
                      <RequirePermission perm={PERM.activitiesRecord}>
                        <ActivityFormPage />
                      </RequirePermission>
                    }
                  />
                  <Route
                    path="/activities/import"
                    element={
                      <RequirePermission perm={PERM.activitiesRecord}>
                        <ActivityImportPage />
                      </RequirePermission>
                    }
                  />
                  <Route
                    path="/activities/:id/edit"
                    element={
                      <RequirePermission perm={PERM.activitiesRecord}>
                        <ActivityFormPage />
                      </RequirePermission>
                    }
                  />
                  <Route
                    path="/surveys"
                    element={
                      <RequirePermission perm={PERM.activitiesRead}>
                        <SurveysPage />
                      </RequirePermission>
                    }
                  />
                  <Route
                    path="/reports"
                    element={
                      <RequirePermission perm={PERM.reportsRead}>
                        <ReportsPage />
                      </RequirePermission>
                    }
                  />
                  <Route
                    path="/reports/import-history"
                    element={
                      <RequirePermission perm={PERM.reportsSubmit}>
                        <ReportsHistoryImportPage />
                      </RequirePermission>
                    }
                  />
                  <Route
                    path="/reports/compile"
                    element={
                      <RequirePermission perm={PERM.reportsReview}>
                        <ReportsCompilePage />
                      </RequirePermission>
                    }
                  />
                  <Route
                    path="/indicators"
                    element={
                      <RequirePermission perm={PERM.indicatorsRead}>
                        <IndicatorsPage />
                      </RequirePermission>
                    }
                  />
                  <Route path="*" element={<NotFound />} />
                </Route>
              </Routes>
            </Suspense>
          </BrowserRouter>
        </SessionProvider>
      </AntApp>
    </ConfigProvider>
  );
}
