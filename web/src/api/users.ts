// Users and the audit log (docs/API.md "Users", "Audit").
import { api } from './api';
import { get, seg } from './get';
import type { AuditEntry, Page, User, UserCreate, UserUpdate } from './types';

type Id = string | number;

export interface UserQuery {
  q?: string;
  role?: string;
  orgUnit?: string;
  active?: 'true' | 'false';
  page?: number;
  pageSize?: number;
  sort?: string;
}

export interface AuditQuery {
  entity?: string;
  entityId?: string;
  username?: string;
  action?: string;
  from?: string;
  to?: string;
  page?: number;
  pageSize?: number;
}

export const userApi = {
  list: (q: UserQuery) => get<Page<User>>('/api/users', { ...q }),
  one: (id: Id) => get<User>(`/api/users/${seg(id)}`),
  create: (body: UserCreate) => api.post<User>('/api/users', body),
  update: (id: Id, body: UserUpdate) => api.put<User>(`/api/users/${seg(id)}`, body),
  resetPassword: (id: Id, newPassword: string) => api.post<void>(`/api/users/${seg(id)}/reset-password`, { newPassword }),
};

export const auditApi = {
  list: (q: AuditQuery) => get<Page<AuditEntry>>('/api/audit', { ...q }),
};
