// What the plan screens look up besides the plan: taxonomy names, the programmes of the plan's
// unit and year, and the agencies the plan already names (so pickers show them by name).
import { useMemo } from 'react';
import type { AgencyRef, CodeName, Plan } from '../../api/types';
import { programmeApi } from '../../api/plans';
import { localName, useI18n } from '../../i18n';
import { useTaxonomy } from '../../reference';
import { useApi } from '../../useApi';

export function usePlanLookups(plan: Plan | undefined) {
  const { lang } = useI18n();
  const targetGroups = useTaxonomy('target-groups');
  const interventionTypes = useTaxonomy('intervention-types');
  const fundingSources = useTaxonomy('funding-sources');
  const programmes = useApi(plan ? programmeApi.list({ orgUnit: plan.orgUnit.code, year: plan.year, pageSize: 500 }) : null);

  const name = (list: CodeName[], code: string | null | undefined) =>
    code ? localName(list.find((x) => x.code === code), lang, code) : '—';
  const programmeOptions = useMemo(
    () => (programmes.data?.items ?? []).map((p) => ({ value: p.id, label: p.name })),
    [programmes.data],
  );
  const codeOptions = (list: CodeName[]) => list.map((x) => ({ value: x.code, label: localName(x, lang, x.code) }));
  const knownAgencies: AgencyRef[] = useMemo(() => {
    const out: AgencyRef[] = [];
    for (const a of plan?.activities ?? []) {
      if (a.leadAgency) out.push(a.leadAgency);
      out.push(...a.partners);
    }
    return out;
  }, [plan]);

  return { targetGroups, interventionTypes, fundingSources, name, programmeOptions, programmesLoading: programmes.loading, codeOptions, knownAgencies };
}

export type PlanLookups = ReturnType<typeof usePlanLookups>;
