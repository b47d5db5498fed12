// Reference lists (kinds, roles, taxonomies): GET descriptions, cached by reference.ts.
import { get } from './get';
import type { AgencyKind, CodeName, Items, OrgUnitKind, Role } from './types';

/** An editable taxonomy (GET /api/taxonomies/{kind}): programme-categories, target-groups, … */
export type TaxonomyKind =
  | 'programme-categories'
  | 'target-groups'
  | 'intervention-types'
  | 'funding-sources'
  | 'age-bands'
  | 'output-kinds';

export const referenceApi = {
  orgUnitKinds: () => get<Items<OrgUnitKind>>('/api/org-unit-kinds'),
  agencyKinds: () => get<Items<AgencyKind>>('/api/agency-kinds'),
  roles: () => get<Items<Role>>('/api/roles'),
  taxonomy: (kind: TaxonomyKind) => get<Items<CodeName>>(`/api/taxonomies/${kind}`),
  directiveKinds: () => get<Items<CodeName>>('/api/directive-kinds'),
};
