// Phân tích: a pivot table over the recorded activities (POST /api/analytics/pivot). The user
// picks a measure, up to three row and three column dimensions, filters and the hierarchy date;
// the whole state lives in the address (shareable, survives a reload); export gives the same
// table as .xlsx (POST /api/analytics/pivot/export).
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Alert, App, Button, Card, Col, DatePicker, Form, Row, Select, Space, Table, Tooltip, Typography } from 'antd';
import { DownloadOutlined, SwapOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import { analyticsApi } from '../api/api';
import { applies, PEOPLE_MEASURES, pivotBody, pivotFromSearch, pivotTable, pivotToSearch, type PivotRequest, type TableRow } from '../analytics';
import { OrgUnitSelect } from '../components/OrgUnitSelect';
import { DATE_FORMAT, dayjsToIso, isoToDayjs } from '../components/dates';
import { formatNumber, todayIso } from '../format';
import { useI18n } from '../i18n';
import { labelIn, metaLabel, useAnalyticsMeta, usePivot } from '../usePivot';

const MEMBER_FILTERS = [
  { key: 'types', dim: 'type', label: 'pivot.types' },
  { key: 'typeGroups', dim: 'typeGroup', label: 'pivot.typeGroups' },
  { key: 'targetGroups', dim: 'targetGroup', label: 'pivot.targetGroups' },
  { key: 'fundingSources', dim: 'fundingSource', label: 'pivot.fundingSources' },
  { key: 'outputKinds', dim: 'outputKind', label: 'pivot.outputKinds' },
] as const;

export default function PivotPage() {
  const { t, lang, errText } = useI18n();
  const { message } = App.useApp();
  const meta = useAnalyticsMeta();
  const [search, setSearch] = useSearchParams();
  const [exporting, setExporting] = useState(false);
  const thisYear = todayIso().slice(0, 4);
  const defaults: PivotRequest = useMemo(
    () => ({ measure: 'reached', rows: ['province'], columns: ['year'], filters: { from: '2021-01-01', to: `${thisYear}-12-31` } }),
    [thisYear],
  );
  const state = useMemo(() => pivotFromSearch(search, defaults), [search, defaults]);
  const set = (next: PivotRequest) => setSearch(pivotToSearch(next), { replace: true });
  const setFilter = (k: keyof PivotRequest['filters'], v: unknown) => set({ ...state, filters: { ...state.filters, [k]: v } });
  const pivot = usePivot(state);
  const label = labelIn(lang);
  const dimLabel = (d: string) => metaLabel(meta.dimensions, d, lang);

  const dimOptions = (taken: string[]) =>
    meta.dimensions.map((d) => ({
      value: d.code, label: label(d), disabled: taken.includes(d.code) || !applies(meta, state.measure, d.code),
    }));

  const table = useMemo(() => (pivot.data ? pivotTable(pivot.data, t('pivot.total'), lang) : null), [pivot.data, t, lang]);

  const columns: ColumnsType<TableRow> = useMemo(() => {
    if (!table) return [];
    const rowCols: ColumnsType<TableRow> = table.rowDims.map((d, i) => ({
      key: `r${i}`,
      title: dimLabel(d),
      fixed: 'left' as const,
      width: 200,
      render: (_: unknown, r: TableRow) => r.labels[i],
      sorter: (a: TableRow, b: TableRow) => a.labels[i].localeCompare(b.labels[i], 'vi'),
    }));
    const valueCols: ColumnsType<TableRow> = table.columns.map((c, j) => ({
      key: c.key,
      title: c.headers.join(' · '),
      align: 'right' as const,
      width: c.index < 0 ? 130 : 110,
      className: c.index < 0 ? 'lg-pivot-total' : undefined,
      render: (_: unknown, r: TableRow) => formatNumber(r.values[j]),
      sorter: (a: TableRow, b: TableRow) => (a.values[j] ?? -1) - (b.values[j] ?? -1),
    }));
    if (rowCols.length === 0) rowCols.push({ key: 'r', title: '', fixed: 'left', width: 120, render: () => t('pivot.all') });
    return [...rowCols, ...valueCols];
    // dimLabel depends on meta and lang
  }, [table, meta, lang, t]); // eslint-disable-line react-hooks/exhaustive-deps

  const onExport = async () => {
    setExporting(true);
    try {
      await analyticsApi.exportXlsx(pivotBody(state));
    } catch (e) {
      message.error(errText(e));
    } finally {
      setExporting(false);
    }
  };

  const people = PEOPLE_MEASURES.has(state.measure);
  const rowSpan = Math.max(1, table?.rowDims.length ?? 1);

  return (
    <div data-testid="pivot-page">
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>{t('pivot.title')}</Typography.Title>
        <Space>
          <Tooltip title={t('pivot.swap')}>
            <Button icon={<SwapOutlined />} data-testid="pivot-swap" onClick={() => set({ ...state, rows: state.columns, columns: state.rows })} />
          </Tooltip>
          <Button type="primary" icon={<DownloadOutlined />} loading={exporting} disabled={!pivot.data} onClick={() => void onExport()}
            data-testid="pivot-export">
            {t('pivot.export')}
          </Button>
        </Space>
      </Space>
      <Card size="small" style={{ marginBottom: 12 }}>
        <Form layout="vertical" size="small">
          <Row gutter={12}>
            <Col xs={24} md={6}>
              <Form.Item label={t('pivot.measure')}>
                <Select data-testid="pivot-measure" value={state.measure} onChange={(measure) => set({ ...state, measure })}
                  options={meta.measures.map((m) => ({ value: m.code, label: label(m) }))} />
              </Form.Item>
            </Col>
            <Col xs={24} md={9}>
              <Form.Item label={t('pivot.rows')}>
                <Select data-testid="pivot-rows" mode="multiple" maxCount={3} value={state.rows} allowClear virtual={false}
                  optionFilterProp="label" onChange={(rows: string[]) => set({ ...state, rows })} options={dimOptions(state.columns)}
                  optionRender={(o) => <span data-testid={`pivot-rows-opt-${o.value}`}>{o.label}</span>} />
              </Form.Item>
            </Col>
            <Col xs={24} md={9}>
              <Form.Item label={t('pivot.columns')}>
                <Select data-testid="pivot-columns" mode="multiple" maxCount={3} value={state.columns} allowClear virtual={false}
                  optionFilterProp="label" onChange={(columns: string[]) => set({ ...state, columns })} options={dimOptions(state.rows)}
                  optionRender={(o) => <span data-testid={`pivot-columns-opt-${o.value}`}>{o.label}</span>} />
              </Form.Item>
            </Col>
            <Col xs={12} md={4}>
              <Form.Item label={t('pivot.from')}>
                <DatePicker data-testid="pivot-from" format={DATE_FORMAT} value={isoToDayjs(state.filters.from)} style={{ width: '100%' }}
                  onChange={(d) => setFilter('from', dayjsToIso(d))} />
              </Form.Item>
            </Col>
            <Col xs={12} md={4}>
              <Form.Item label={t('pivot.to')}>
                <DatePicker data-testid="pivot-to" format={DATE_FORMAT} value={isoToDayjs(state.filters.to)} style={{ width: '100%' }}
                  onChange={(d) => setFilter('to', dayjsToIso(d))} />
              </Form.Item>
            </Col>
            <Col xs={24} md={6}>
              <Form.Item label={t('pivot.orgUnit')}>
                <OrgUnitSelect data-testid="pivot-org-unit" value={state.filters.orgUnit ?? null} allowClear asOf={state.asOf}
                  placeholder={t('pivot.orgUnitDefault')} onChange={(code) => setFilter('orgUnit', code)} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={12} md={4}>
              <Form.Item label={t('pivot.asOf')} tooltip={t('pivot.asOfHint')}>
                <DatePicker data-testid="pivot-as-of" format={DATE_FORMAT} value={isoToDayjs(state.asOf)} placeholder={t('pivot.today')}
                  style={{ width: '100%' }} onChange={(d) => set({ ...state, asOf: dayjsToIso(d) })} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item label={t('pivot.planned')}>
                <Select allowClear data-testid="pivot-planned" placeholder={t('common.all')}
                  value={state.filters.planned === undefined ? undefined : String(state.filters.planned)}
                  onChange={(v?: string) => setFilter('planned', v === undefined ? undefined : v === 'true')}
                  options={[{ value: 'true', label: t('pivot.plannedYes') }, { value: 'false', label: t('pivot.plannedNo') }]} />
              </Form.Item>
            </Col>
            {MEMBER_FILTERS.map((f) => (
              <Col xs={24} md={f.key === 'types' || f.key === 'targetGroups' ? 12 : 6} key={f.key}>
                <Form.Item label={t(f.label)}>
                  <Select mode="multiple" allowClear data-testid={`pivot-filter-${f.key}`} placeholder={t('common.all')}
                    value={state.filters[f.key] ?? []} onChange={(v: string[]) => setFilter(f.key, v)}
                    optionFilterProp="label" options={(meta.members[f.dim] ?? []).map((m) => ({ value: m.code, label: label(m) }))} />
                </Form.Item>
              </Col>
            ))}
          </Row>
        </Form>
      </Card>
      {pivot.error ? <Alert type="error" showIcon message={errText(pivot.error)} style={{ marginBottom: 12 }} data-testid="pivot-error" /> : null}
      {pivot.data?.suppressed && <Alert type="info" showIcon message={t('pivot.suppressed')} style={{ marginBottom: 12 }} />}
      <Table<TableRow>
        data-testid="pivot-table"
        size="small"
        bordered
        loading={pivot.loading}
        rowKey="key"
        columns={columns}
        dataSource={table?.rows ?? []}
        scroll={{ x: 'max-content' }}
        pagination={{ defaultPageSize: 100, showSizeChanger: true, pageSizeOptions: [50, 100, 500], hideOnSinglePage: true }}
        summary={() =>
          table ? (
            <Table.Summary fixed>
              <Table.Summary.Row className="lg-pivot-total">
                <Table.Summary.Cell index={0} colSpan={rowSpan}>
                  <strong>{t('pivot.total')}</strong>
                </Table.Summary.Cell>
                {table.totals.map((v, j) => (
                  <Table.Summary.Cell index={rowSpan + j} key={j} align="right">
                    <strong data-testid={j === table.totals.length - 1 ? 'pivot-grand-total' : undefined}>{formatNumber(v)}</strong>
                  </Table.Summary.Cell>
                ))}
              </Table.Summary.Row>
            </Table.Summary>
          ) : null
        }
      />
      {pivot.data && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }} data-testid="pivot-info">
          {t('pivot.info', {
            measure: metaLabel(meta.measures, pivot.data.measure, lang),
            facts: formatNumber(pivot.data.facts ?? null),
          })}
          {people ? ` ${t('pivot.peopleNote')}` : ''}
        </Typography.Paragraph>
      )}
    </div>
  );
}
