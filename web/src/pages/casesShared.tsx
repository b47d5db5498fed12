// Shared bits of the people-supported pages (issue 16): labels of codes, the target groups of
// harm reduction (taxonomy target-groups, group harm_reduction).
import { isMessageKey, localName, useI18n } from '../i18n';
import { useAgencyKinds, useTaxonomy } from '../reference';

export function useCaseLabels() {
  const { t, lang } = useI18n();
  const groups = useTaxonomy('target-groups');
  const kinds = useAgencyKinds();
  const harmGroups = groups.filter((g) => g.group === 'harm_reduction' && g.active !== false);
  const label = (prefix: string, code: string) => {
    const key = `${prefix}.${code}`;
    return isMessageKey(key) ? t(key) : code;
  };
  const groupLabel = (code: string) => localName(groups.find((g) => g.code === code), lang, code);
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
