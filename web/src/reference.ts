// Small reference lists that every page may need (kinds, roles), fetched once per session.
import { useEffect, useState } from 'react';
import { load, type Get } from './api/get';
import { referenceApi, type TaxonomyKind } from './api/reference';
import type { Items } from './api/types';

export type { TaxonomyKind } from './api/reference';

const cache = new Map<string, Promise<unknown[]>>();

function loadItems<T>(what: Get<Items<T>>): Promise<T[]> {
  const path = what.path;
  let p = cache.get(path);
  if (!p) {
    p = load(what).then((r) => r.items ?? []);
    p.catch(() => cache.delete(path));
    cache.set(path, p);
  }
  return p as Promise<T[]>;
}

export function clearReferenceCache(): void {
  cache.clear();
}

function useItems<T>(what: Get<Items<T>>): T[] {
  const path = what.path;
  const [items, setItems] = useState<T[]>([]);
  useEffect(() => {
    let live = true;
    loadItems<T>(what).then(
      (xs) => live && setItems(xs),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [path]);
  return items;
}

export const useOrgUnitKinds = () => useItems(referenceApi.orgUnitKinds());
export const useAgencyKinds = () => useItems(referenceApi.agencyKinds());
export const useRoles = () => useItems(referenceApi.roles());

/** An editable taxonomy (GET /api/taxonomies/{kind}): programme-categories, target-groups, … */
export const useTaxonomy = (kind: TaxonomyKind) => useItems(referenceApi.taxonomy(kind));
export const useDirectiveKinds = () => useItems(referenceApi.directiveKinds());
