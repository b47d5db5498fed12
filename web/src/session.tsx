// Who is signed in. GET /api/me on load; any 401 later on ends the session in the UI.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { setCsrfToken, setUnauthenticatedHandler, ApiError } from './api/api';
import { sessionApi } from './api/session';
import type { Me } from './api/types';
import { clearReferenceCache } from './reference';
import * as offlineStore from './offline/store';

type WithSecret = Me & { offlineSecret?: string };

/** Opens the encrypted offline store for this user (docs/ARCHITECTURE.md "Offline") and keeps who it is. */
async function openOffline(m: WithSecret): Promise<void> {
  try {
    const o = await offlineStore.owner();
    // another user's store: its items cannot be sent by this user (the sign-in page said how many)
    if (o && o.userId !== m.id) await offlineStore.wipe();
    if (m.offlineSecret) await offlineStore.openFor(m.id, m.username, m.offlineSecret);
    const { offlineSecret: _secret, ...rest } = m;
    void _secret;
    await offlineStore.putMe(rest);
  } catch {
    /* no IndexedDB (private mode): the app works online only */
  }
}

/** Items not yet accepted by the server (waiting, error, conflict) in the local store. */
export async function unsentCount(): Promise<number> {
  try {
    return (await offlineStore.allItems()).filter((i) => i.state !== 'sent').length;
  } catch {
    return 0;
  }
}

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
  /** Signed in from the local store while the server cannot be reached. */
  offlineSession: boolean;
  /** The session ended with items still unsent: they are kept until the user signs in again or discards them. */
  unsentAtEnd: number;
  discardUnsent: () => Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<Status>('loading');
  const [me, setMe] = useState<Me | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [offlineSession, setOfflineSession] = useState(false);
  const [unsentAtEnd, setUnsentAtEnd] = useState(0);

  // The session ended (401, or none on load): the local store is wiped unless items wait — those
  // are never destroyed silently; the sign-in page says how many and offers to discard them.
  const signedOut = useCallback(() => {
    setCsrfToken(null);
    clearReferenceCache();
    setMe(null);
    setStatus('out');
    setOfflineSession(false);
    void (async () => {
      if (!(await offlineStore.owner().catch(() => null))) return;  // no store: nothing to wipe
      const n = await unsentCount();
      setUnsentAtEnd(n);
      if (n === 0) await offlineStore.wipe();
    })();
  }, []);

  const reload = useCallback(async () => {
    setStatus('loading');
    try {
      const m = await sessionApi.me();
      setCsrfToken(m.csrfToken);
      await openOffline(m as WithSecret);
      setMe(m);
      setOfflineSession(false);
      setStatus('in');
    } catch (e) {
      const kept = e instanceof ApiError && e.status === 0 ? await offlineStore.getMe<Me>().catch(() => null) : null;
      if (kept) {
        // no network: work from the local store as the user last signed in here
        setCsrfToken(kept.csrfToken);
        setMe(kept);
        setOfflineSession(true);
        setStatus('in');
      } else if (e instanceof ApiError && e.status === 401) {
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
    await openOffline({ ...res.user, csrfToken: token } as WithSecret);
    setUnsentAtEnd(0);
    setOfflineSession(false);
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
    // Sign-out wipes the local store (the UI asked first when items were unsent).
    await offlineStore.wipe().catch(() => undefined);
    signedOut();
  }, [signedOut]);

  const discardUnsent = useCallback(async () => {
    await offlineStore.wipe().catch(() => undefined);
    setUnsentAtEnd(0);
  }, []);

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
      offlineSession,
      unsentAtEnd,
      discardUnsent,
    }),
    [status, me, error, login, logout, reload, passwordChanged, offlineSession, unsentAtEnd, discardUnsent],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error('useSession outside SessionProvider');
  return ctx;
}
