// Who is signed in, signing in and out, the first-run setup, the caller's own settings.
import { api, request } from './api';
import type { LoginResponse, Me } from './types';

export interface SignerInput {
  signerTitle?: string | null;
  signerName?: string | null;
  [k: string]: unknown;
}

export const sessionApi = {
  /** GET /api/me; a 401 here is an answer (signed out), not the end of a session. */
  me: () => request<Me>('GET', '/api/me', { quiet401: true }),
  login: (username: string, password: string) =>
    request<LoginResponse>('POST', '/api/auth/login', { body: { username, password }, quiet401: true }),
  logout: () => api.post<void>('/api/auth/logout'),
  setupNeeded: () => request<{ needed: boolean }>('GET', '/api/setup', { quiet401: true }),
  setup: (body: { username: string; fullName: string; password: string }) => api.post<void>('/api/setup', body),
  changePassword: (body: { currentPassword: string; newPassword: string }) => api.post<void>('/api/me/password', body),
  setSigner: (body: unknown) => api.put<Me>('/api/me/signer', body),
};
