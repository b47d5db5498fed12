// Picks one agency among those of an administrative unit's subtree (as of today).
import { useMemo } from 'react';
import { Select } from 'antd';
import type { AgencyRef } from '../api/types';
import { todayIso } from '../format';
import { useI18n } from '../i18n';
import { useApi } from '../useApi';
import { agencyApi } from '../api/orgUnits';

interface Props {
  orgUnitCode?: string | null;
  value?: string | number | null;
  onChange?: (id: string | number | null) => void;
  initial?: AgencyRef | null;
  'data-testid'?: string;
}

export function AgencySelect({ orgUnitCode, value, onChange, initial, ...rest }: Props) {
  const { t } = useI18n();
  const { data, loading } = useApi(
    orgUnitCode ? agencyApi.list({ orgUnit: orgUnitCode, asOf: todayIso(), pageSize: 500, sort: 'name' }) : null,
  );
  const options = useMemo(() => {
    const list = (data?.items ?? []).map((a) => ({ value: a.id, label: a.name }));
    if (initial && value === initial.id && !list.some((o) => o.value === initial.id)) {
      list.unshift({ value: initial.id, label: initial.name });
    }
    return list;
  }, [data, initial, value]);

  return (
    <Select
      allowClear
      showSearch
      optionFilterProp="label"
      loading={loading}
      disabled={!orgUnitCode}
      placeholder={orgUnitCode ? t('users.noAgency') : t('users.chooseOrgFirst')}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      options={options}
      data-testid={rest['data-testid']}
    />
  );
}
