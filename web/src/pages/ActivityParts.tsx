// Pieces the activity, import and survey screens share: taxonomy names in the current language,
// the planned/unplanned tag, and the text of a client-side validation fault.
import { useMemo } from 'react';
import { Tag } from 'antd';
import type { CodeName } from '../api/types';
import { formatNumber } from '../format';
import { localName, useI18n, type MessageKey } from '../i18n';
import { useTaxonomy } from '../reference';
import type { Problem } from '../activities';

/** The taxonomies of the activity screens, with name lookups and form options (active codes only). */
export function useActivityTaxonomies() {
  const { lang } = useI18n();
  const interventionTypes = useTaxonomy('intervention-types');
  const targetGroups = useTaxonomy('target-groups');
  const fundingSources = useTaxonomy('funding-sources');
  const outputKinds = useTaxonomy('output-kinds');
  const ageBands = useTaxonomy('age-bands');
  return useMemo(() => {
    const name = (list: CodeName[]) => (code: string | null | undefined) =>
      code ? localName(list.find((x) => x.code === code), lang, code) : '—';
    const sorted = (list: CodeName[]) => [...list].sort((a, b) => (a.sortOrder ?? 0) - (b.sortOrder ?? 0));
    const options = (list: CodeName[], all = false) =>
      sorted(list)
        .filter((x) => all || x.active !== false)
        .map((x) => ({ value: x.code, label: localName(x, lang, x.code) }));
    return {
      interventionTypes,
      targetGroups,
      fundingSources,
      outputKinds,
      ageBands: sorted(ageBands),
      typeName: name(interventionTypes),
      groupName: name(targetGroups),
      sourceName: name(fundingSources),
      kindName: name(outputKinds),
      bandName: name(ageBands),
      /** true for output kinds counted in VND (group "vnd"). */
      isMoneyKind: (code: string | null | undefined) => outputKinds.find((k) => k.code === code)?.group === 'vnd',
      options,
    };
  }, [interventionTypes, targetGroups, fundingSources, outputKinds, ageBands, lang]);
}

export function PlannedTag({ planned }: { planned: boolean }) {
  const { t } = useI18n();
  return planned ? <Tag color="blue">{t('activity.planned')}</Tag> : <Tag>{t('activity.unplanned')}</Tag>;
}

/** The message of one client-side fault, in the current language. */
export function useProblemText() {
  const { t } = useI18n();
  const { bandName } = useActivityTaxonomies();
  return (p: Problem) => {
    const params: Record<string, string | number> = { ...(p.params ?? {}) };
    if (typeof params.band === 'string') params.band = bandName(params.band);
    for (const k of ['female', 'male', 'sum', 'total', 'max'] as const) {
      if (typeof params[k] === 'number') params[k] = formatNumber(params[k] as number);
    }
    return t(`problem.${p.code}` as MessageKey, params);
  };
}
