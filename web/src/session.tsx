// Who is signed in. GET /api/me on load; any 401 later on ends the session in the UI.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { setCsrfToken, setUnauthenticatedHandler, ApiError } from './api/api';
import { sessionApi } from './api/session';
import type { Me } from './api/types';
import { clearReferenceCache } from './reference';

type Status = 'loading' | 'in' | 'out' | 'error';

interface Session {
  status: Status;
  me: Me | null;
  /** The error that kept GET /api/me from answering (status 'error'). */
  error: unknown;
  can: (permission: string) => boolean;
  login: (username: string, password: string) => Promise<Me>;
  logout: () => Promise<void>;
  reload: () => Promise<void>;
  /** Marks the current password as changed (after POST /api/me/password). */
  passwordChanged: () => void;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<Status>('loading');
  const [me, setMe] = useState<Me | null>(null);
  const [error, setError] = useState<unknown>(null);

  const signedOut = useCallback(() => {
    setCsrfToken(null);
    clearReferenceCache();
    setMe(null);
    setStatus('out');
  }, []);

  const reload = useCallback(async () => {
    setStatus('loading');
    try {
      const m = await sessionApi.me();
      setCsrfToken(m.csrfToken);
      setMe(m);
      setStatus('in');
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) {
        signedOut();
      } else {
        setError(e);
        setStatus('error');
      }
    }
  }, [signedOut]);

  useEffect(() => {
    setUnauthenticatedHandler(signedOut);
    void reload();
    return () => setUnauthenticatedHandler(null);
  }, [reload, signedOut]);

  const login = useCallback(async (username: string, password: string) => {
    const res = await sessionApi.login(username, password);
    const token = res.csrfToken || res.user.csrfToken;
    setCsrfToken(token);
    setMe({ ...res.user, csrfToken: token });
    setStatus('in');
    return res.user;
  }, []);

  const logout = useCallback(async () => {
    try {
      await sessionApi.logout();
    } catch {
      /* signed out either way */
    }
    signedOut();
  }, [signedOut]);

  const passwordChanged = useCallback(() => {
    setMe((m) => (m ? { ...m, mustChangePassword: false } : m));
  }, []);

  const value = useMemo<Session>(
    () => ({
      status,
      me,
      error,
      can: (p: string) => !!me && me.permissions.includes(p),
      login,
      logout,
      reload,
      passwordChanged,
    }),
    [status, me, error, login, logout, reload, passwordChanged],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error('useSession outside SessionProvider');
  return ctx;
}
