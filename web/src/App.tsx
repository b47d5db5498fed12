// Providers and the router. The pages, their permissions and the menu are one table (routes.tsx);
// pages are loaded on demand so the login screen stays light.
import { lazy, Suspense, type ReactNode } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { App as AntApp, Button, ConfigProvider, Result, Spin } from 'antd';
import viVN from 'antd/locale/vi_VN';
import enUS from 'antd/locale/en_US';
import { useI18n } from './i18n';
import { SessionProvider, useSession } from './session';
import { OfflineProvider } from './offline/OfflineProvider';
import { AppLayout } from './components/AppLayout';
import { Forbidden, NotFound } from './components/ResultPages';
import { mayOpen, ROUTES } from './routes';

const LoginPage = lazy(() => import('./pages/LoginPage'));

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

/** The page after sign-in, for every role: "Việc của tôi" (what waits for the caller). */
function Home() {
  return <Navigate to="/my-work" replace />;
}

function RequirePermission({ perm, children }: { perm?: string; children: ReactNode }) {
  const { can } = useSession();
  return mayOpen({ perm }, can) ? <>{children}</> : <Forbidden />;
}

// A user who asked the system for reduced motion gets no animations (modals, drawers, messages
// appear at once): read once, at start.
const REDUCED_MOTION =
  typeof window !== 'undefined' && typeof window.matchMedia === 'function' && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
const THEME = REDUCED_MOTION ? { token: { motion: false } } : undefined;

export function App() {
  const { lang } = useI18n();
  return (
    <ConfigProvider locale={lang === 'vi' ? viVN : enUS} theme={THEME}>
      <AntApp>
        <SessionProvider>
          <OfflineProvider>
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
                  {ROUTES.map(({ path, page: Page, perm }) => (
                    <Route
                      key={path}
                      path={path}
                      element={
                        <RequirePermission perm={perm}>
                          <Page />
                        </RequirePermission>
                      }
                    />
                  ))}
                  <Route path="*" element={<NotFound />} />
                </Route>
              </Routes>
            </Suspense>
          </BrowserRouter>
          </OfflineProvider>
        </SessionProvider>
      </AntApp>
    </ConfigProvider>
  );
}
