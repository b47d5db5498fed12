// Shared bits of the people-supported pages (issue 16): labels of codes, the target groups of
// harm reduction (taxonomy target-groups, group harm_reduction).
import { isMessageKey, localName, useI18n } from '../i18n';
import { useAgencyKinds, useTaxonomy } from '../reference';

export const HARM_REDUCTION_GROUPS = [
  'sex_workers',
  'people_with_hiv',
  'people_who_use_drugs',
  'trafficking_victims',
  'abuse_victims',
  'former_sex_workers',
];

export function useCaseLabels() {
  const { t, lang } = useI18n();
  const groups = useTaxonomy('target-groups');
  const kinds = useAgencyKinds();
  // The taxonomy needs programmes.read, which case workers may lack: the six groups of guidance 221
  // §4.1 (docs/api-cases.md) stand in, named by i18n, when it does not answer.
  const fromTaxonomy = groups.filter((g) => g.group === 'harm_reduction' && g.active !== false).map((g) => g.code);
  const harmGroups = (fromTaxonomy.length ? fromTaxonomy : HARM_REDUCTION_GROUPS).map((code) => ({ code }));
  const label = (prefix: string, code: string) => {
    const key = `${prefix}.${code}`;
    return isMessageKey(key) ? t(key) : code;
  };
  const groupLabel = (code: string) => {
    const g = groups.find((x) => x.code === code);
    return g ? localName(g, lang, code) : label('cases.group', code);
  };
  const purposeLabel = (purpose: string) => {
    if (purpose.startsWith('referral:')) {
      const kind = purpose.slice('referral:'.length);
      return t('cases.consent.purpose.referral', { kind: localName(kinds.find((k) => k.code === kind), lang, kind) });
    };
    return label('cases.consent.purpose', purpose);
  };
  return {
    harmGroups,
    groupLabel,
    sexLabel: (s: string) => label('cases.sex', s),
    statusLabel: (s: string) => label('cases.status', s),
    fieldLabel: (f: string) => label('cases.field', f),
    purposeLabel,
  };
}
