// /indicators — "Chỉ tiêu": for a unit (the caller's own by default) and a year, the indicators
// with their result, target, achievement % and a coloured status; a manager sets or removes the
// unit's own target inline; below, the scorecard of the units directly under it (for the
// ministry: the provinces), one coloured cell per indicator.
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { App, Button, Card, InputNumber, Popconfirm, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { CheckOutlined, CloseOutlined, DeleteOutlined, EditOutlined } from '@ant-design/icons';
import { indicatorApi } from '../api/api';
import { PERM, type IndicatorResult, type ScorecardRow } from '../api/types';
import { formatDate, formatNumber } from '../format';
import { useI18n } from '../i18n';
import { useSession } from '../session';
import { useApi } from '../useApi';
import { indicatorReads } from '../api/reports';
import { useAgencyKinds } from '../reference';
import { ErrorAlert } from '../components/ResultPages';
import { OrgUnitSelect } from '../components/OrgUnitSelect';
import { ListTable } from '../components/list';
import {
  cellOf,
  formatFraction,
  formatIndicatorValue,
  indicatorYears,
  isOwnTarget,
  recordedByText,
  statusColor,
  statusLabelKey,
  targetProblem,
} from '../indicators';

function StatusTag({ status, testId }: { status: IndicatorResult['status']; testId?: string }) {
  const { t } = useI18n();
  return (
    <Tag color={statusColor(status)} data-testid={testId} data-status={status}>
      {t(statusLabelKey(status))}
    </Tag>
  );
}

/** The target of one indicator for the selected unit, editable in place by a manager. */
function TargetCell({ r, unit, year, mayManage, onChanged }: {
  r: IndicatorResult;
  unit: string;
  year: number;
  mayManage: boolean;
  onChanged: () => void;
}) {
  const { t, errText } = useI18n();
  const { message } = App.useApp();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState<number | null>(r.target);
  const [busy, setBusy] = useState(false);
  const own = isOwnTarget(r, unit);
  const problem = targetProblem(draft, r);

  const save = async () => {
    if (problem) return;
    setBusy(true);
    try {
      await indicatorApi.setTarget({ indicator: r.code, orgUnitCode: unit, year, target: draft as number });
      message.success(t('indicators.saved'));
      setEditing(false);
      onChanged();
    } catch (e) {
      message.error(errText(e));
    } finally {
      setBusy(false);
    }
  };
  const remove = async () => {
    setBusy(true);
    try {
      await indicatorApi.deleteTarget(r.code, unit, year);
      message.success(t('indicators.removed'));
      onChanged();
    } catch (e) {
      message.error(errText(e));
    } finally {
      setBusy(false);
    }
  };

  if (editing)
    return (
      <Space size={4} data-testid={`target-edit-${r.code}`}>
        <Tooltip title={problem ? t(problem) : undefined} open={!!problem}>
          <InputNumber
            size="small"
            min={0}
            max={r.percent ? 100 : undefined}
            value={draft}
            onChange={(v) => setDraft(v === null ? null : Number(v))}
            status={problem ? 'error' : undefined}
            decimalSeparator=","
            style={{ width: 96 }}
            data-testid={`target-input-${r.code}`}
            onPressEnter={save}
          />
        </Tooltip>
        <Button size="small" type="primary" icon={<CheckOutlined />} loading={busy} disabled={!!problem} onClick={save}
          aria-label={t('common.save')} data-testid={`target-save-${r.code}`} />
        <Button size="small" icon={<CloseOutlined />} onClick={() => setEditing(false)} aria-label={t('common.cancel')} />
      </Space>
    );

  return (
    <Space size={4}>
      <span data-testid={`target-${r.code}`}>{r.target === null ? t('indicators.noTarget') : formatIndicatorValue(r.target, r)}</span>
      {r.targetFrom && !own && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          ({t('indicators.targetFrom', { unit: r.targetFrom.name })})
        </Typography.Text>
      )}
      {mayManage && (
        <Tooltip title={t('indicators.edit')}>
          <Button size="small" type="text" icon={<EditOutlined />} data-testid={`target-open-${r.code}`}
            onClick={() => { setDraft(r.target); setEditing(true); }} aria-label={t('indicators.edit')} />
        </Tooltip>
      )}
      {mayManage && own && (
        <Popconfirm title={t('indicators.removeConfirm')} onConfirm={remove}>
          <Button size="small" type="text" danger icon={<DeleteOutlined />} loading={busy} aria-label={t('indicators.removeTarget')}
            data-testid={`target-remove-${r.code}`} />
        </Popconfirm>
      )}
    </Space>
  );
}

export default function IndicatorsPage() {
  const { t, lang } = useI18n();
  const { me, can } = useSession();
  const [params, setParams] = useSearchParams();
  const unit = params.get('orgUnit') || me?.orgUnit.code;
  const year = Number(params.get('year')) || new Date().getFullYear();
  const results = useApi(unit ? indicatorReads.results(unit, year) : null);
  const card = useApi(unit ? indicatorReads.scorecard(unit, year) : null);
  const mayManage = can(PERM.indicatorsManage);
  const name = (x: { name: string; nameEn: string }) => (lang === 'en' ? x.nameEn : x.name);
  const agencyKinds = useAgencyKinds();
  const kindName = (code: string) => {
    const k = agencyKinds.find((x) => x.code === code);
    return k ? (lang === 'en' ? k.nameEn : k.nameVi) : code;
  };

  const setParam = (k: string, v: string | undefined) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next, { replace: true });
  };
  const reload = () => {
    results.reload();
    card.reload();
  };

  const columns = [
    {
      title: t('indicators.col.indicator'),
      key: 'name',
      render: (_: unknown, r: IndicatorResult) => {
        const filter = recordedByText(card.data?.indicators.find((d) => d.code === r.code)?.numerator, t, kindName);
        return (
          <>
            <span data-testid={`indicator-${r.code}`}>{name(r)}</span>
            {filter && (
              <div>
                <Tag color="purple" style={{ marginTop: 4, whiteSpace: 'normal' }} data-testid={`indicator-filter-${r.code}`}>
                  {filter}
                </Tag>
              </div>
            )}
          </>
        );
      },
    },
    {
      title: t('indicators.col.result'),
      key: 'value',
      width: 150,
      align: 'right' as const,
      render: (_: unknown, r: IndicatorResult) => (
        <Tooltip title={r.value === null ? t('indicators.noValue') : formatFraction(r, t('ind.partsUnset'))}>
          <span data-testid={`value-${r.code}`}>{formatIndicatorValue(r.value, r)}</span>
        </Tooltip>
      ),
    },
    {
      title: t('indicators.col.fraction'),
      key: 'fraction',
      width: 130,
      align: 'right' as const,
      render: (_: unknown, r: IndicatorResult) =>
        r.denominator === 0 ? (
          <Tooltip title={t('ind.partsHint')}>
            <Typography.Text type="warning" data-testid={`fraction-${r.code}`}>{formatFraction(r, t('ind.partsUnset'))}</Typography.Text>
          </Tooltip>
        ) : (
          <Typography.Text type="secondary" data-testid={`fraction-${r.code}`}>{formatFraction(r)}</Typography.Text>
        ),
    },
    {
      title: t('indicators.col.target'),
      key: 'target',
      width: 250,
      render: (_: unknown, r: IndicatorResult) => (
        <TargetCell key={`${r.code}-${r.target}`} r={r} unit={unit ?? ''} year={year} mayManage={mayManage} onChanged={reload} />
      ),
    },
    {
      title: t('indicators.col.achievement'),
      key: 'achievement',
      width: 110,
      align: 'right' as const,
      render: (_: unknown, r: IndicatorResult) => (r.achievement === null ? '—' : `${formatNumber(r.achievement, 1)}%`),
    },
    {
      title: t('indicators.col.status'),
      key: 'status',
      width: 150,
      render: (_: unknown, r: IndicatorResult) => <StatusTag status={r.status} testId={`status-${r.code}`} />,
    },
  ];

  const defs = card.data?.indicators ?? [];
  const scoreColumns = [
    {
      title: t('indicators.col.unit'),
      key: 'unit',
      fixed: 'left' as const,
      width: 180,
      render: (_: unknown, row: ScorecardRow) => row.orgUnit.name,
    },
    ...defs.map((d) => ({
      title: (
        <Tooltip title={name(d)}>
          <div style={{ maxWidth: 150, whiteSpace: 'normal', fontSize: 12, lineHeight: 1.3 }}>{name(d)}</div>
        </Tooltip>
      ),
      key: d.code,
      width: 160,
      align: 'center' as const,
      render: (_: unknown, row: ScorecardRow) => {
        const c = cellOf(row, d.code);
        if (!c) return '—';
        return (
          <Tooltip
            title={`${t('indicators.col.target')}: ${c.target === null ? t('indicators.noTarget') : formatIndicatorValue(c.target, d)}${
              c.achievement === null ? '' : ` · ${t('indicators.col.achievement')}: ${formatNumber(c.achievement, 1)}%`
            }`}
          >
            <Tag color={statusColor(c.status)} data-testid={`cell-${row.orgUnit.code}-${d.code}`} data-status={c.status}
              style={{ minWidth: 72, textAlign: 'center' }}>
              {formatIndicatorValue(c.value, d)}
            </Tag>
          </Tooltip>
        );
      },
    })),
  ];

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={t('indicators.title')}
        extra={
          <Space wrap>
            <OrgUnitSelect
              value={unit}
              initial={results.data?.orgUnit ?? me?.orgUnit}
              onChange={(code) => setParam('orgUnit', code)}
              style={{ width: 280 }}
              data-testid="indicators-unit"
            />
            <Select
              value={year}
              onChange={(y) => setParam('year', String(y))}
              options={indicatorYears().map((y) => ({ value: y, label: t('indicators.yearLabel', { year: y }) }))}
              style={{ width: 120 }}
              data-testid="indicators-year"
            />
          </Space>
        }
      >
        <ErrorAlert error={results.error} />
        {results.data && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
            {t('indicators.referenceDay', { unit: results.data.orgUnit.name, date: formatDate(results.data.referenceDay) })}
          </Typography.Paragraph>
        )}
        <ListTable
          rowKey="code"
          size="middle"
          loading={results.loading}
          dataSource={results.data?.items ?? []}
          columns={columns}
          pagination={false}
          data-testid="indicators-table"
        />
      </Card>
      <Card title={t('indicators.scorecard')}>
        <ErrorAlert error={card.error} />
        <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
          {t('indicators.scorecardHint')}
        </Typography.Paragraph>
        <Table
          rowKey={(r) => String(r.orgUnit.id)}
          size="small"
          loading={card.loading}
          dataSource={card.data ? [...card.data.units] : []}
          columns={scoreColumns}
          pagination={false}
          scroll={{ x: 180 + defs.length * 160 }}
          locale={{ emptyText: t('indicators.noUnits') }}
          summary={() =>
            card.data && card.data.units.length > 0 ? (
              <Table.Summary fixed>
                <Table.Summary.Row>
                  {scoreColumns.map((c, i) => (
                    <Table.Summary.Cell key={c.key} index={i} align={i === 0 ? 'left' : 'center'}>
                      {i === 0 ? <strong>{t('indicators.total', { unit: card.data!.total.orgUnit.name })}</strong> : c.render(null, card.data!.total)}
                    </Table.Summary.Cell>
                  ))}
                </Table.Summary.Row>
              </Table.Summary>
            ) : null
          }
          data-testid="indicators-scorecard"
        />
      </Card>
    </Space>
  );
}
