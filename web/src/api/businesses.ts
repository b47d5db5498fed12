// The service business registry (docs/api-businesses.md, issue 17 §1).
import { api } from './api';
import { get, seg } from './get';
import type { components } from './schema.gen';

type Id = string | number;
type S = components['schemas'];

export type Business = S['Business'];
export type BusinessPage = S['BusinessPage'];
export type BusinessInput = S['BusinessInput'];
export type BusinessStatus = Business['status'];
export type BusinessStatusEvent = S['BusinessStatusEvent'];

export const BUSINESS_STATUSES: BusinessStatus[] = ['operating', 'suspended', 'closed'];

export const businessApi = {
  types: () => get<S['TaxonomyList']>('/api/business-types'),
  list: (q: { type?: string; status?: string; q?: string; orgUnit?: string; page?: number; pageSize?: number }) =>
    get<BusinessPage>('/api/businesses', q),
  get: (id: Id) => get<Business>(`/api/businesses/${seg(id)}`),
  create: (body: BusinessInput) => api.post<Business>('/api/businesses', body),
  update: (id: Id, body: BusinessInput) => api.put<Business>(`/api/businesses/${seg(id)}`, body),
  changeStatus: (id: Id, body: S['BusinessStatusChange']) => api.post<Business>(`/api/businesses/${seg(id)}/status`, body),
};

export const statusColor = (s: BusinessStatus) => (s === 'operating' ? 'green' : s === 'suspended' ? 'orange' : 'default');
