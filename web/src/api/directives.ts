// Directives and the tasks they assign (docs/api-directives.md).
import { api, upload } from './api';
import { get, seg } from './get';
import type { components } from './schema.gen';
import type { Attachment, Directive, DirectiveDetail, Page, Task, TaskBoard, TaskDetail, TaskOverview } from './types';

type Id = string | number;
type S = components['schemas'];

export interface DirectiveQuery {
  q?: string;
  kind?: string;
  year?: number;
  plan?: Id;
  page?: number;
  pageSize?: number;
  sort?: string;
}

export interface TaskQuery {
  directiveId?: Id;
  agencyId?: Id;
  orgUnit?: string;
  status?: string;
  q?: string;
  page?: number;
  pageSize?: number;
  sort?: string;
}

export interface TaskProgress {
  status: string;
  note: string;
  date: string;
  version: number;
}

export interface DirectiveInput {
  kind: string;
  number: string;
  subject: string;
  issueDate: string;
  orgUnitCode: string;
  issuingAgencyId?: Id | null;
  recipientAgencyIds?: Id[];
  recipientLines?: string[];
  implementsId?: Id | null;
  planId?: Id | null;
}

export interface TaskInput {
  directiveId?: Id;
  code: string;
  title: string;
  description?: string;
  leadAgencyId: Id;
  coAgencyIds?: Id[];
  orgUnitCode?: string;
  dueDate?: string | null;
  recurrence?: string;
  dueDays?: string[];
  startsOn?: string | null;
  endsOn?: string | null;
  status?: string;
}

export type TaskExtensionInput = S['TaskExtensionInput'];

export const directiveApi = {
  list: (q: DirectiveQuery) => get<Page<Directive>>('/api/directives', { ...q }),
  one: (id: Id) => get<DirectiveDetail>(`/api/directives/${seg(id)}`),
  create: (body: DirectiveInput) => api.post<DirectiveDetail>('/api/directives', body),
  update: (id: Id, body: DirectiveInput & { version: number }) => api.put<DirectiveDetail>(`/api/directives/${seg(id)}`, body),
  attach: (id: Id, file: File, onProgress?: (p: number) => void) =>
    upload<Attachment>(`/api/directives/${seg(id)}/attachments`, file, { onProgress }),
};

export const taskApi = {
  list: (q: TaskQuery) => get<Page<Task>>('/api/tasks', { ...q }),
  one: (id: Id) => get<TaskDetail>(`/api/tasks/${seg(id)}`),
  overview: () => get<TaskOverview>('/api/tasks/overview'),
  board: (agencyId?: Id) => get<TaskBoard>('/api/tasks/board', { agencyId }),
  create: (body: TaskInput) => api.post<TaskDetail>('/api/tasks', body),
  update: (id: Id, body: TaskInput & { version: number }) => api.put<TaskDetail>(`/api/tasks/${seg(id)}`, body),
  /** Extends a one-off deadline with a reason (POST /api/tasks/{id}/extensions). */
  extend: (id: Id, body: TaskExtensionInput) => api.post<TaskDetail>(`/api/tasks/${seg(id)}/extensions`, body),
  /** Records progress, with the evidence file when there is one. */
  progress: (id: Id, fields: TaskProgress, file?: File | null, onProgress?: (p: number) => void) =>
    file
      ? upload<void>(`/api/tasks/${seg(id)}/progress`, file, { field: 'file', fields: { ...fields }, onProgress })
      : api.post<void>(`/api/tasks/${seg(id)}/progress`, fields),
};

/** Where an attachment is downloaded (its own url when the server gave one). */
export const attachmentUrl = (a: { id: Id; url?: string | null }): string => a.url || `/api/attachments/${seg(a.id)}`;
