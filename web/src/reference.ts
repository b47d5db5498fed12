// Small reference lists that every page may need (kinds, roles), fetched once per session.
import { useEffect, useState } from 'react';
import { api } from './api/api';
import type { AgencyKind, CodeName, Items, OrgUnitKind, Role } from './api/types';

const cache = new Map<string, Promise<unknown[]>>();

function loadItems<T>(path: string): Promise<T[]> {
  let p = cache.get(path);
  if (!p) {
    p = api.get<Items<T>>(path).then((r) => r.items ?? []);
    p.catch(() => cache.delete(path));
    cache.set(path, p);
  }
  return p as Promise<T[]>;
}

export function clearReferenceCache(): void {
  cache.clear();
}

function useItems<T>(path: string): T[] {
  const [items, setItems] = useState<T[]>([]);
  useEffect(() => {
    let live = true;
    loadItems<T>(path).then(
      (xs) => live && setItems(xs),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [path]);
  return items;
}

export const useOrgUnitKinds = () => useItems<OrgUnitKind>('/api/org-unit-kinds');
export const useAgencyKinds = () => useItems<AgencyKind>('/api/agency-kinds');
export const useRoles = () => useItems<Role>('/api/roles');

/** An editable taxonomy (GET /api/taxonomies/{kind}): programme-categories, target-groups, … */
export type TaxonomyKind =
  | 'programme-categories'
  | 'target-groups'
  | 'intervention-types'
  | 'funding-sources'
  | 'age-bands'
  | 'output-kinds';
export const useTaxonomy = (kind: TaxonomyKind) => useItems<CodeName>(`/api/taxonomies/${kind}`);
export const useDirectiveKinds = () => useItems<CodeName>('/api/directive-kinds');
