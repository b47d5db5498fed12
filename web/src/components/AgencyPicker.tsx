// Picks one or several agencies among those of an administrative unit's subtree (as of today).
import { useMemo } from 'react';
import { Select } from 'antd';
import type { AgencyRef } from '../api/types';
import { todayIso } from '../format';
import { useI18n } from '../i18n';
import { useApi } from '../useApi';
import { agencyApi } from '../api/orgUnits';

type Id = string | number;

interface Props {
  orgUnitCode?: string | null;
  multiple?: boolean;
  value?: Id | Id[] | null;
  onChange?: (v: Id | Id[] | null) => void;
  /** Agencies already referenced, so they show by name even outside the loaded list. */
  known?: AgencyRef[];
  disabled?: boolean;
  placeholder?: string;
  style?: React.CSSProperties;
  'data-testid'?: string;
}

export function AgencyPicker({ orgUnitCode, multiple, value, onChange, known, disabled, placeholder, style, ...rest }: Props) {
  const { t } = useI18n();
  const { data, loading } = useApi(
    orgUnitCode ? agencyApi.list({ orgUnit: orgUnitCode, asOf: todayIso(), pageSize: 500, sort: 'name' }) : null,
  );
  const options = useMemo(() => {
    const list = (data?.items ?? []).map((a) => ({ value: a.id, label: a.shortName || a.name }));
    for (const k of known ?? []) {
      if (!list.some((o) => String(o.value) === String(k.id))) list.push({ value: k.id, label: k.shortName || k.name });
    }
    return list;
  }, [data, known]);

  return (
    <Select
      allowClear
      showSearch
      mode={multiple ? 'multiple' : undefined}
      optionFilterProp="label"
      loading={loading}
      disabled={disabled}
      placeholder={placeholder ?? t('task.chooseAgency')}
      value={value ?? undefined}
      onChange={(v) => onChange?.((v as Id | Id[] | undefined) ?? (multiple ? [] : null))}
      options={options}
      style={style}
      data-testid={rest['data-testid']}
    />
  );
}
