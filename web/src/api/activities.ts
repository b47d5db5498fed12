// Reads of activities and surveys as GET descriptions (writes: activityApi, surveyApi in api.ts).
import { buildQuery, type Query } from './api';
import { get, seg } from './get';
import type { Activity, CappedPage, Items, Page, RecentActivity, Survey } from './types';

type Id = string | number;

export interface SurveyQuery {
  orgUnit?: string;
  year?: number;
  half?: number;
  targetGroup?: string;
  page?: number;
  pageSize?: number;
}

export const activityReads = {
  /** The list; the query comes from activityQuery() plus page, pageSize. */
  list: (q: Query) => get<CappedPage<Activity>>('/api/activities', q),
  one: (id: Id) => get<Activity>(`/api/activities/${seg(id)}`),
  recent: (limit = 10) => get<Items<RecentActivity>>('/api/activities/recent', { limit }),
  /** GET /api/activities/export: the whole filtered list as a file (no paging). */
  exportUrl: (q: Query, format: 'xlsx' | 'csv') => `/api/activities/export${buildQuery({ ...q, format })}`,
};

export const surveyReads = {
  list: (q: SurveyQuery) => get<Page<Survey>>('/api/surveys', { ...q }),
};
