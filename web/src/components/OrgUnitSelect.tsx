// A searchable picker of administrative units (by name without diacritics, or by code);
// its value is the unit's code.
import { useEffect, useMemo, useRef, useState } from 'react';
import { Select, Spin } from 'antd';
import { isAbort } from '../api/api';
import type { OrgUnit, OrgUnitRef } from '../api/types';
import { localName, useI18n } from '../i18n';
import { useOrgUnitKinds } from '../reference';
import { todayIso } from '../format';
import { load } from '../api/get';
import { orgUnitApi } from '../api/orgUnits';

interface Props {
  value?: string | null;
  onChange?: (code: string | undefined) => void;
  /** The unit behind the initial value, so it shows by name before any search. */
  initial?: OrgUnitRef | null;
  asOf?: string;
  allowClear?: boolean;
  placeholder?: string;
  style?: React.CSSProperties;
  'data-testid'?: string;
}

export function OrgUnitSelect({ value, onChange, initial, asOf, allowClear, placeholder, style, ...rest }: Props) {
  const { t, lang } = useI18n();
  const kinds = useOrgUnitKinds();
  const [text, setText] = useState('');
  const [found, setFound] = useState<OrgUnit[]>([]);
  const [loading, setLoading] = useState(false);
  const known = useRef(new Map<string, OrgUnitRef>());
  if (initial) known.current.set(initial.code, initial);
  // A value given without its unit (e.g. ?orgUnit=52 in the address) is looked up once, so the
  // picker shows "Gia Lai (52) · Tỉnh" and never a bare code.
  const [resolved, setResolved] = useState(0);
  useEffect(() => {
    if (!value || known.current.has(value)) return;
    const ctl = new AbortController();
    load(orgUnitApi.one(value, asOf || undefined), ctl.signal).then(
      (u) => {
        known.current.set(value, { code: u.code, id: u.id, name: u.name, kind: u.kind, validFrom: null, validTo: null });
        setResolved((n) => n + 1);
      },
      () => undefined,
    );
    return () => ctl.abort();
  }, [value, asOf]);

  useEffect(() => {
    const q = text.trim();
    if (!q) {
      setFound([]);
      return;
    }
    const ctl = new AbortController();
    const timer = window.setTimeout(() => {
      setLoading(true);
      load(orgUnitApi.list({ q, asOf: asOf || todayIso(), pageSize: 30 }), ctl.signal)
        .then(
          (r) => {
            r.items.forEach((u) => known.current.set(u.code, u));
            setFound(r.items);
            setLoading(false);
          },
          (e) => {
            if (!isAbort(e)) setLoading(false);
          },
        );
    }, 300);
    return () => {
      window.clearTimeout(timer);
      ctl.abort();
    };
  }, [text, asOf]);

  const options = useMemo(() => {
    const label = (u: OrgUnitRef) => {
      const kind = localName(kinds.find((k) => k.code === u.kind), lang, u.kind);
      return `${u.name} (${u.code}) · ${kind}`;
    };
    const list = found.map((u) => ({ value: u.code, label: label(u) }));
    if (value && !found.some((u) => u.code === value)) {
      const u = known.current.get(value);
      list.unshift({ value, label: u ? label(u) : value });
    }
    return list;
  }, [found, value, kinds, lang, resolved]);

  return (
    <Select
      showSearch
      allowClear={allowClear}
      value={value || undefined}
      placeholder={placeholder ?? t('orgSelect.placeholder')}
      filterOption={false}
      onSearch={setText}
      onChange={(v: string | undefined) => onChange?.(v)}
      notFoundContent={loading ? <Spin size="small" /> : null}
      options={options}
      style={style}
      data-testid={rest['data-testid']}
    />
  );
}
