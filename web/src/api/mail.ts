// E-mail of the notifications (docs/API.md: /api/system/mail, /api/me/mail): the settings and
// outbox for the system administrator, the test mail, each user's own preference.
import { api } from './api';
import { get } from './get';
import type { components } from './schema.gen';

type S = components['schemas'];
export type MailAdmin = S['MailAdmin'];
export type MailOutboxRow = S['MailOutboxRow'];
export type MailPreference = S['MailPreference'];
export type MailPreferenceInput = S['MailPreferenceInput'];

export const mailApi = {
  admin: () => get<MailAdmin>('/api/system/mail'),
  sendTest: (to?: string) => api.post<S['MailTestResult']>('/api/system/mail/test', to ? { to } : {}),
  mine: () => get<MailPreference>('/api/me/mail'),
  saveMine: (body: MailPreferenceInput) => api.put<MailPreference>('/api/me/mail', body),
};
