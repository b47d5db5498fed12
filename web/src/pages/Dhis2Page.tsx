// /interop/dhis2 "Liên thông DHIS2" (docs/INTEROP.md): choose form, period and unit; preview what an
// export holds (values, small cells suppressed, elements not mapped); download dataValueSets JSON
// or ADX; dry run then push to the configured DHIS2 server with the import summary shown; the
// history of pushes; the code mappings (editable by administrators: interop.configure).
import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Form, Input, InputNumber, Select, Space, Statistic, Table, Tabs, Tag, Typography } from 'antd';
import { CloudUploadOutlined, DownloadOutlined, ExperimentOutlined } from '@ant-design/icons';
import { dhis2Api, type Dhis2Export, type Dhis2ImportSummary, type Dhis2Target } from '../api/dhis2';
import { reportReads } from '../api/reports';
import { periodLabel } from '../analytics';
import { formatDateTime } from '../format';
import { useI18n } from '../i18n';
import { useSession } from '../session';
import { useApi } from '../useApi';
import { ErrorAlert } from '../components/ResultPages';
import { OrgUnitSelect } from '../components/OrgUnitSelect';
import { PERM } from '../api/types';

const fmt = (n: number | undefined | null) => (n ?? 0).toLocaleString('vi-VN');
const STATUS_COLOR: Record<string, string> = { SUCCESS: 'green', WARNING: 'orange', ERROR: 'red', FAILED: 'red' };

function periodsOf(kind: string | undefined): string[] {
  const y = new Date().getFullYear();
  const out: string[] = [];
  for (let year = y; year >= y - 4; --year) {
    if (kind === 'year') out.push(String(year));
    else out.push(`${year}-H2`, `${year}-H1`);
  }
  return out;
}

function Summary({ x }: { x: Dhis2Export }) {
  const { t } = useI18n();
  const s = x.importSummary as Dhis2ImportSummary | null;
  return (
    <Card size="small" style={{ marginTop: 12 }} data-testid="dhis2-push-result"
      title={<Space wrap><Tag color={STATUS_COLOR[x.status] ?? 'default'}>{x.status}</Tag>{x.dryRun ? t('dhis2.dryRun') : t('dhis2.realPush')}</Space>}>
      {x.error ? <Alert type="error" showIcon message={x.error} style={{ marginBottom: 8 }} /> : null}
      {s ? (
        <>
          <Space wrap size="large">
            <Statistic title={t('dhis2.imported')} value={fmt(s.importCount.imported)} />
            <Statistic title={t('dhis2.updated')} value={fmt(s.importCount.updated)} />
            <Statistic title={t('dhis2.ignored')} value={fmt(s.importCount.ignored)} />
          </Space>
          {s.conflicts.length ? (
            <Table size="small" rowKey={(r, i) => `${r.object}-${i}`} pagination={false} scroll={{ x: true }} style={{ marginTop: 8 }}
              dataSource={s.conflicts} data-testid="dhis2-conflicts"
              columns={[{ title: t('dhis2.conflictObject'), dataIndex: 'object' }, { title: t('dhis2.conflictValue'), dataIndex: 'value' }]} />
          ) : null}
        </>
      ) : null}
    </Card>
  );
}

function ExportTab() {
  const { t, lang, errText } = useI18n();
  const { message } = App.useApp();
  const forms = useApi(reportReads.forms());
  const [form, setForm] = useState('bc_6thang');
  const kind = forms.data?.items.find((f) => f.code === form)?.periodKind;
  const periods = useMemo(() => periodsOf(kind), [kind]);
  const [period, setPeriod] = useState(periodsOf('half_year')[1]);
  const [unit, setUnit] = useState<string | undefined>();
  const target: Dhis2Target | null = unit && periods.includes(period) ? { form, period, orgUnit: unit } : null;
  const preview = useApi(target ? dhis2Api.preview(target) : null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Dhis2Export | null>(null);
  const [pushError, setPushError] = useState<unknown>(null);

  const push = async (dryRun: boolean) => {
    if (!target) return;
    setBusy(true);
    setPushError(null);
    try {
      const r = await dhis2Api.push(target, dryRun);
      setResult(r);
      if (r.status === 'SUCCESS' || r.status === 'WARNING') message.success(dryRun ? t('dhis2.dryRunDone') : t('dhis2.pushDone'));
    } catch (e) {
      setPushError(e);
    } finally {
      setBusy(false);
    }
  };
  const p = preview.data;
  const dryOk = result && result.dryRun && (result.status === 'SUCCESS' || result.status === 'WARNING');
  return (
    <div data-testid="dhis2-export">
      <Form layout="vertical">
        <Space wrap align="end" style={{ width: '100%' }}>
          <Form.Item label={t('dhis2.form')} style={{ marginBottom: 8 }}>
            <Select value={form} onChange={(v) => { setForm(v); setPeriod(periodsOf(forms.data?.items.find((f) => f.code === v)?.periodKind)[1]); setResult(null); }}
              style={{ width: 260, maxWidth: '100%' }} data-testid="dhis2-form"
              options={(forms.data?.items ?? []).map((f) => ({ value: f.code, label: lang === 'en' ? f.nameEn : f.nameVi }))} />
          </Form.Item>
          <Form.Item label={t('dhis2.period')} style={{ marginBottom: 8 }}>
            <Select value={period} onChange={(v) => { setPeriod(v); setResult(null); }} style={{ width: 220, maxWidth: '100%' }} data-testid="dhis2-period"
              options={periods.map((c) => ({ value: c, label: periodLabel(c, lang) }))} />
          </Form.Item>
          <Form.Item label={t('dhis2.unit')} style={{ marginBottom: 8 }}>
            <OrgUnitSelect value={unit} onChange={(v) => { setUnit(v); setResult(null); }} style={{ width: 280, maxWidth: '100%' }} data-testid="dhis2-unit" />
          </Form.Item>
        </Space>
      </Form>
      {!target ? <Alert type="info" showIcon message={t('dhis2.chooseUnit')} /> : null}
      {preview.error ? <ErrorAlert error={preview.error} onRetry={preview.reload} /> : null}
      {p ? (
        <Card size="small" title={`${p.dataSet} · ${p.period.dhis2 as string}`} data-testid="dhis2-preview">
          <Space wrap size="large">
            <Statistic title={t('dhis2.values')} value={fmt(p.values)} />
            <Statistic title={t('dhis2.units')} value={fmt(p.units.length)} />
            <Statistic title={t('dhis2.suppressed')} value={fmt(p.suppressed)} />
            <Statistic title={t('dhis2.skipped')} value={fmt(p.skipped.length)} />
          </Space>
          {p.skipped.length ? (
            <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
              {t('dhis2.skippedList')}: {p.skipped.map((s) => `${s.element} (${s.reason === 'not_numeric' ? t('dhis2.notNumeric') : t('dhis2.unmapped')})`).join(', ')}
            </Typography.Paragraph>
          ) : null}
          <Space wrap style={{ marginTop: 8 }}>
            <Button icon={<DownloadOutlined />} href={target ? dhis2Api.downloadUrl(target, 'json') : undefined} data-testid="dhis2-download-json">JSON (dataValueSets)</Button>
            <Button icon={<DownloadOutlined />} href={target ? dhis2Api.downloadUrl(target, 'adx') : undefined} data-testid="dhis2-download-adx">ADX (XML)</Button>
            <Button icon={<ExperimentOutlined />} loading={busy} disabled={!p.values} onClick={() => push(true)} data-testid="dhis2-dry-run">{t('dhis2.dryRunButton')}</Button>
            <Button type="primary" icon={<CloudUploadOutlined />} loading={busy} disabled={!dryOk} onClick={() => push(false)} data-testid="dhis2-push">{t('dhis2.pushButton')}</Button>
          </Space>
          {pushError ? <Alert type="error" showIcon style={{ marginTop: 8 }} message={errText(pushError)} /> : null}
          {result ? <Summary x={result} /> : null}
        </Card>
      ) : null}
    </div>
  );
}

function HistoryTab() {
  const { t } = useI18n();
  const h = useApi(dhis2Api.history());
  const rows: Dhis2Export[] = h.data?.items ?? [];
  return (
    <>
      {h.error ? <ErrorAlert error={h.error} onRetry={h.reload} /> : null}
      <Table size="small" rowKey="id" loading={h.loading} dataSource={rows} scroll={{ x: true }} data-testid="dhis2-history"
        columns={[
          { title: t('dhis2.at'), dataIndex: 'at', render: (v: string) => formatDateTime(v) },
          { title: t('dhis2.who'), dataIndex: 'username' },
          { title: t('dhis2.period'), dataIndex: 'period', render: (v: string) => periodLabel(v) },
          { title: t('dhis2.unit'), render: (_: unknown, r: Dhis2Export) => r.orgUnit.name },
          { title: t('dhis2.kind'), dataIndex: 'dryRun', render: (v: boolean) => (v ? t('dhis2.dryRun') : t('dhis2.realPush')) },
          { title: t('dhis2.status'), dataIndex: 'status', render: (v: string) => <Tag color={STATUS_COLOR[v] ?? 'default'}>{v}</Tag> },
          { title: t('dhis2.values'), dataIndex: 'values', render: fmt },
          {
            title: t('dhis2.imported'),
            render: (_: unknown, r: Dhis2Export) => {
              const s = r.importSummary as Dhis2ImportSummary | null;
              return s ? `${fmt(s.importCount.imported)} / ${fmt(s.importCount.updated)} / ${fmt(s.importCount.ignored)}` : '—';
            },
          },
        ]} />
    </>
  );
}

function MappingTab({ admin }: { admin: boolean }) {
  const { t, errText } = useI18n();
  const { message } = App.useApp();
  const m = useApi(dhis2Api.mappings());
  const settings = useApi(admin ? dhis2Api.settings() : null);
  const [ou, setOu] = useState({ orgUnitCode: '', dhis2OrgUnit: '', orgUnitValidTo: '' });
  const [cfg, setCfg] = useState<{ baseUrl?: string; token?: string; timeoutMs?: number }>({});
  const run = async (f: () => Promise<unknown>, ok: string) => {
    try {
      await f();
      message.success(ok);
      m.reload();
      settings.reload();
    } catch (e) {
      message.error(errText(e));
    }
  };
  return (
    <div data-testid="dhis2-mappings">
      {m.error ? <ErrorAlert error={m.error} onRetry={m.reload} /> : null}
      {admin && settings.data ? (
        <Card size="small" title={t('dhis2.server')} style={{ marginBottom: 12 }}>
          <Space wrap align="end">
            <Input style={{ width: 280, maxWidth: '100%' }} placeholder="https://dhis2.example.vn" defaultValue={settings.data.baseUrl}
              onChange={(e) => setCfg({ ...cfg, baseUrl: e.target.value })} data-testid="dhis2-base-url" />
            <Input.Password style={{ width: 220, maxWidth: '100%' }} placeholder={settings.data.tokenSet ? t('dhis2.tokenSet') : t('dhis2.token')}
              onChange={(e) => setCfg({ ...cfg, token: e.target.value })} data-testid="dhis2-token" />
            <InputNumber min={1000} max={120000} step={1000} defaultValue={settings.data.timeoutMs} addonAfter="ms"
              onChange={(v) => setCfg({ ...cfg, timeoutMs: v ?? undefined })} />
            <Button type="primary" onClick={() => run(() => dhis2Api.saveSettings({ ...cfg, version: settings.data!.version }), t('dhis2.saved'))}>
              {t('dhis2.save')}
            </Button>
          </Space>
        </Card>
      ) : null}
      <Typography.Paragraph type="secondary">{t('dhis2.defaultRule')}</Typography.Paragraph>
      <Table size="small" rowKey="id" pagination={false} scroll={{ x: true }} dataSource={m.data?.orgUnits ?? []}
        title={() => t('dhis2.orgUnitMappings')}
        columns={[
          { title: t('dhis2.lgCode'), dataIndex: 'orgUnitCode' },
          { title: t('dhis2.lgValidity'), render: (_: unknown, r) => `${r.orgUnitValidFrom} – ${r.orgUnitValidTo ?? '…'}` },
          { title: t('dhis2.dhis2Code'), dataIndex: 'dhis2OrgUnit' },
          ...(admin ? [{ title: '', render: (_: unknown, r: { id: number; version: number }) => (
            <Button size="small" danger onClick={() => run(() => dhis2Api.deleteOrgUnit(r.id, r.version), t('dhis2.saved'))}>{t('dhis2.delete')}</Button>) }] : []),
        ]} />
      {admin ? (
        <Space wrap style={{ margin: '8px 0 16px' }}>
          <Input style={{ width: 120 }} placeholder={t('dhis2.lgCode')} onChange={(e) => setOu({ ...ou, orgUnitCode: e.target.value })} />
          <Input style={{ width: 150 }} placeholder={t('dhis2.lgValidTo')} onChange={(e) => setOu({ ...ou, orgUnitValidTo: e.target.value })} />
          <Input style={{ width: 180 }} placeholder={t('dhis2.dhis2Code')} onChange={(e) => setOu({ ...ou, dhis2OrgUnit: e.target.value })} />
          <Button onClick={() => run(() => dhis2Api.addOrgUnit({ ...ou, orgUnitValidTo: ou.orgUnitValidTo || null }), t('dhis2.saved'))}>{t('dhis2.add')}</Button>
        </Space>
      ) : null}
      <Table size="small" rowKey="id" scroll={{ x: true }} dataSource={m.data?.elements ?? []} title={() => t('dhis2.elementMappings')}
        pagination={{ pageSize: 20 }}
        columns={[
          { title: t('dhis2.form'), dataIndex: 'form' },
          { title: t('dhis2.element'), dataIndex: 'elementCode' },
          { title: 'dataElement', dataIndex: 'dataElement' },
          { title: 'categoryOptionCombo', dataIndex: 'categoryOptionCombo' },
          { title: 'ADX', dataIndex: 'attributes', render: (a: Record<string, string>) => Object.entries(a).map(([k, v]) => `${k}=${v}`).join(' ') },
          { title: t('dhis2.validity'), render: (_: unknown, r) => `${r.validFrom} – ${r.validTo ?? '…'}` },
        ]} />
    </div>
  );
}

export default function Dhis2Page() {
  const { t } = useI18n();
  const { can } = useSession();
  return (
    <div data-testid="dhis2-page">
      <Typography.Title level={3} className="lg-page-title">{t('dhis2.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('dhis2.intro')}</Typography.Paragraph>
      <Tabs items={[
        { key: 'export', label: t('dhis2.tabExport'), children: <ExportTab /> },
        { key: 'history', label: t('dhis2.tabHistory'), children: <HistoryTab /> },
        { key: 'mappings', label: t('dhis2.tabMappings'), children: <MappingTab admin={can(PERM.interopConfigure)} /> },
      ]} />
    </div>
  );
}
