// Administrative units (docs/API.md "Org units") and agencies.
import { get, seg } from './get';
import type { Agency, Items, OrgUnit, OrgUnitDetail, OrgUnitRef, Page } from './types';

export interface OrgUnitQuery {
  asOf?: string;
  parent?: string;
  q?: string;
  kind?: string;
  page?: number;
  pageSize?: number;
  sort?: string;
}

export interface AgencyQuery {
  orgUnit?: string;
  asOf?: string;
  q?: string;
  kind?: string;
  page?: number;
  pageSize?: number;
  sort?: string;
}

export const orgUnitApi = {
  list: (q: OrgUnitQuery) => get<Page<OrgUnit>>('/api/org-units', { ...q }),
  /** The units right below `parent` as plain references (a short list for pickers). */
  children: (parent: string | undefined, pageSize = 500) => get<Items<OrgUnitRef>>('/api/org-units', { parent, pageSize }),
  one: (code: string, asOf?: string) => get<OrgUnitDetail>(`/api/org-units/${seg(code)}`, { asOf }),
};

export const agencyApi = {
  list: (q: AgencyQuery) => get<Page<Agency>>('/api/agencies', { ...q }),
};
