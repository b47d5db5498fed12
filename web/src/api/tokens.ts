// API tokens (issue 21; docs/API.md "API tokens"): one's own tokens, or (users.manage) those of a
// user in scope; the secret comes back once, from create.
import { api } from './api';
import { get, seg } from './get';
import type { components } from './schema.gen';

type S = components['schemas'];
export type ApiToken = S['ApiToken'];
export type ApiTokenCreated = S['ApiTokenCreated'];
export type ApiTokenCreate = S['ApiTokenCreate'];
export type ApiTokenUses = S['ApiTokenUses'];

export const tokenApi = {
  list: (user?: number) => get<S['ApiTokenList']>('/api/tokens', user ? { user } : undefined),
  create: (body: ApiTokenCreate) => api.post<ApiTokenCreated>('/api/tokens', body),
  revoke: (id: number) => api.post<ApiToken>(`/api/tokens/${seg(id)}/revoke`, {}),
  uses: (id: number) => get<ApiTokenUses>(`/api/tokens/${seg(id)}/uses`),
};

export const TOKEN_METHODS = ['GET', 'POST', 'PUT', 'DELETE'] as const;
