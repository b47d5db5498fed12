// "Việc của tôi" and notifications (docs/API.md: /api/my-work, /api/notifications).
import { api } from './api';
import { get, seg } from './get';
import type { components } from './schema.gen';

type S = components['schemas'];
export type MyWork = S['MyWork'];
export type MyWorkReport = S['MyWorkReport'];
export type MyWorkPlan = S['MyWorkPlan'];
export type NextActor = S['NextActor'];
export type Notification = S['Notification'];
export type NotificationPage = S['NotificationPage'];

export const myWorkApi = {
  mine: () => get<MyWork>('/api/my-work'),
  notifications: (q: { filter?: 'all' | 'unread'; page?: number; pageSize?: number } = {}) =>
    get<NotificationPage>('/api/notifications', { ...q }),
  read: (id: number) => api.post<{ id: number; unread: number }>(`/api/notifications/${seg(id)}/read`),
  readAll: () => api.post<{ marked: number; unread: number }>('/api/notifications/read-all'),
};

/** The page a notification leads to: its plan, report or task. */
export function notificationLink(n: Pick<Notification, 'subjectKind' | 'subjectId'>): string {
  if (n.subjectKind === 'plan') return `/plans/${n.subjectId}`;
  if (n.subjectKind === 'report') return `/reports?report=${n.subjectId}`;
  return `/tasks?task=${n.subjectId}`;
}
