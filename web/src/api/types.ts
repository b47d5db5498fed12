// Resource shapes of the longghep HTTP API (docs/API.md). Written by hand from the contract;
// to be checked against GET /api/openapi.json once the server publishes it.

/** "YYYY-MM-DD" */
export type IsoDate = string;

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface Items<T> {
  items: T[];
}

export interface OrgUnitRef {
  id: number | string;
  code: string;
  name: string;
  kind: string;
  validFrom: IsoDate | null;
  validTo: IsoDate | null;
}

export interface OrgUnit extends OrgUnitRef {
  fullName: string;
  typeLabel: string;
  parentCode: string | null;
  childCount: number;
}

export type LineageType = 'merge' | 'split' | 'rename' | 'reparent';

export interface Lineage {
  type: LineageType;
  date: IsoDate;
  partial: boolean;
  unit: OrgUnitRef;
}

/** The contract does not spell AgencyRef out; id and name are what the UI relies on. */
export interface AgencyRef {
  id: number | string;
  name: string;
  shortName?: string | null;
  kind?: string;
}

export interface OrgUnitDetail extends OrgUnit {
  ancestors: OrgUnitRef[];
  predecessors: Lineage[];
  successors: Lineage[];
  leadAgency: AgencyRef | null;
}

export interface OrgUnitKind {
  code: string;
  nameVi: string;
  nameEn: string;
  level: number;
}

export interface AgencyKind {
  code: string;
  nameVi: string;
  nameEn: string;
}

export interface AgencyRole {
  role: string;
  orgUnit: OrgUnitRef;
  validFrom: IsoDate | null;
  validTo: IsoDate | null;
}

export interface Agency {
  id: number | string;
  name: string;
  shortName: string | null;
  kind: string;
  orgUnit: OrgUnitRef;
  validFrom: IsoDate | null;
  validTo: IsoDate | null;
  version: number;
  roles: AgencyRole[];
}

export interface Me {
  id: number | string;
  username: string;
  fullName: string;
  email: string | null;
  orgUnit: OrgUnitRef;
  agency: AgencyRef | null;
  roles: string[];
  permissions: string[];
  mustChangePassword: boolean;
  csrfToken: string;
}

export interface LoginResponse {
  user: Me;
  csrfToken: string;
}

export interface Role {
  code: string;
  nameVi: string;
  nameEn: string;
  permissions: string[];
}

export interface User {
  id: number | string;
  username: string;
  fullName: string;
  email: string | null;
  orgUnit: OrgUnitRef;
  agency: AgencyRef | null;
  roles: string[];
  active: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface UserCreate {
  username: string;
  fullName: string;
  email: string | null;
  password: string;
  orgUnitCode: string;
  agencyId: number | string | null;
  roles: string[];
}

export interface UserUpdate {
  fullName: string;
  email: string | null;
  orgUnitCode: string;
  agencyId: number | string | null;
  roles: string[];
  active: boolean;
  version: number;
}

export type AuditAction = 'create' | 'update' | 'delete';

export interface AuditEntry {
  id: number | string;
  at: string;
  username: string;
  action: AuditAction;
  entity: string;
  entityId: string | number;
  orgUnitCode: string | null;
  /** Not in docs/API.md, but sent by the server. */
  orgUnitName?: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

/** Permission codes the UI checks. */
export const PERM = {
  usersRead: 'users.read',
  usersManage: 'users.manage',
  auditRead: 'audit.read',
  agenciesManage: 'agencies.manage',
  hierarchyManage: 'hierarchy.manage',
} as const;
