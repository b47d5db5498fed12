// Directives and the tasks they assign (docs/api-directives.md).
import { api, upload } from './api';
import { get, seg } from './get';
import type { Attachment, Directive, DirectiveDetail, Page, Task, TaskBoard, TaskDetail, TaskOverview } from './types';

type Id = string | number;

export interface DirectiveQuery {
  q?: string;
  kind?: string;
  year?: number;
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

export const directiveApi = {
  list: (q: DirectiveQuery) => get<Page<Directive>>('/api/directives', { ...q }),
  one: (id: Id) => get<DirectiveDetail>(`/api/directives/${seg(id)}`),
  attach: (id: Id, file: File, onProgress?: (p: number) => void) =>
    upload<Attachment>(`/api/directives/${seg(id)}/attachments`, file, { onProgress }),
};

export const taskApi = {
  list: (q: TaskQuery) => get<Page<Task>>('/api/tasks', { ...q }),
  one: (id: Id) => get<TaskDetail>(`/api/tasks/${seg(id)}`),
  overview: () => get<TaskOverview>('/api/tasks/overview'),
  board: (agencyId?: Id) => get<TaskBoard>('/api/tasks/board', { agencyId }),
  /** Records progress, with the evidence file when there is one. */
  progress: (id: Id, fields: TaskProgress, file?: File | null, onProgress?: (p: number) => void) =>
    file
      ? upload<void>(`/api/tasks/${seg(id)}/progress`, file, { field: 'file', fields: { ...fields }, onProgress })
      : api.post<void>(`/api/tasks/${seg(id)}/progress`, fields),
};

/** Where an attachment is downloaded (its own url when the server gave one). */
export const attachmentUrl = (a: { id: Id; url?: string | null }): string => a.url || `/api/attachments/${seg(a.id)}`;
