// /businesses: the service business registry (Cơ sở kinh doanh dịch vụ, issue 17 §1;
// docs/api-businesses.md): filters, the list (cards on a phone), a create/edit form, the dated
// status change and the status history. Worker numbers are counts only.
import { useState } from 'react';
import { Button, DatePicker, Form, Input, InputNumber, Modal, Select, Space, Tag, Timeline, Typography } from 'antd';
import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { PERM } from '../api/types';
import { businessApi, BUSINESS_STATUSES, statusColor, type Business, type BusinessInput, type BusinessStatus } from '../api/businesses';
import { formatDate, todayIso } from '../format';
import { localName, useI18n } from '../i18n';
import { useSession } from '../session';
import { useApi } from '../useApi';
import { ErrorAlert } from '../components/ResultPages';
import { ListTable } from '../components/list';
import { OrgUnitSelect } from '../components/OrgUnitSelect';
import { DATE_FORMAT, dayjsToIso, isoToDayjs } from '../components/dates';
import { inspectionApi } from '../api/inspections';
import { ImportPanel } from './inspections/ImportPanel';
import { inspectionColumns } from './InspectionsPage';

const IMPORT_COLUMNS = 'typeCode, name, address, communeCode, communeAsOf, ownerName, anttPerson, anttCertNumber, anttCertDate, anttCertIssuer, sectorLicence, policeNotifiedOn, workersFemale, workersMale';

const PAGE_SIZE = 20;

const dateItem = {
  getValueProps: (v: string | undefined | null) => ({ value: isoToDayjs(v ?? undefined) }),
  normalize: (d: unknown) => dayjsToIso(d as never) ?? null,
};

export default function BusinessesPage() {
  const { t, lang } = useI18n();
  const { can } = useSession();
  const [type, setType] = useState<string | undefined>();
  const [status, setStatus] = useState<string | undefined>();
  const [orgUnit, setOrgUnit] = useState<string | undefined>();
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const { data: types } = useApi(businessApi.types());
  const { data, error, loading, reload } = useApi(
    businessApi.list({ type, status, orgUnit, q: q || undefined, page, pageSize: PAGE_SIZE }),
  );
  const [editing, setEditing] = useState<Business | 'new' | null>(null);
  const [changing, setChanging] = useState<Business | null>(null);
  const [history, setHistory] = useState<number | null>(null);
  const [importing, setImporting] = useState(false);
  const [inspections, setInspections] = useState<Business | null>(null);
  const typeName = (code: string) => localName(types?.items.find((x) => x.code === code), lang, code);
  const statusLabel = (s: BusinessStatus) => t(`businesses.status.${s}` as 'businesses.status.operating');
  const writer = can(PERM.businessesWrite);
  const inspReader = can(PERM.inspectionsRead);

  return (
    <div style={{ maxWidth: 1100 }}>
      <Space style={{ justifyContent: 'space-between', width: '100%', flexWrap: 'wrap' }}>
        <Typography.Title level={3} className="lg-page-title">
          {t('businesses.title')}
        </Typography.Title>
        {writer && (
          <Space wrap>
            <Button icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="businesses-import">
              {t('businesses.import')}
            </Button>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="businesses-new">
              {t('businesses.new')}
            </Button>
          </Space>
        )}
      </Space>
      <Typography.Paragraph type="secondary">{t('businesses.hint')}</Typography.Paragraph>
      <ErrorAlert error={error} onRetry={reload} />
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          style={{ width: 240, maxWidth: '100%' }}
          placeholder={t('businesses.search')}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onSearch={(v) => { setQ(v.trim()); setPage(1); }}
          data-testid="businesses-search"
        />
        <Select allowClear style={{ width: 180 }} placeholder={t('businesses.type')} value={type}
          onChange={(v) => { setType(v); setPage(1); }}
          options={(types?.items ?? []).map((x) => ({ value: x.code, label: localName(x, lang, x.code) }))} data-testid="businesses-type-filter" />
        <Select allowClear style={{ width: 160 }} placeholder={t('businesses.statusLabel')} value={status}
          onChange={(v) => { setStatus(v); setPage(1); }}
          options={BUSINESS_STATUSES.map((s) => ({ value: s, label: statusLabel(s) }))} data-testid="businesses-status-filter" />
        <OrgUnitSelect allowClear style={{ width: 220 }} placeholder={t('businesses.commune')} value={orgUnit}
          onChange={(v: string | undefined) => { setOrgUnit(v || undefined); setPage(1); }} />
      </Space>
      <ListTable<Business>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={data?.items ?? []}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        locale={{ emptyText: t('businesses.empty') }}
        data-testid="businesses-table"
        columns={[
          { title: t('businesses.name'), dataIndex: 'name', render: (n: string) => <strong>{n}</strong> },
          { title: t('businesses.type'), dataIndex: 'typeCode', render: (c: string) => typeName(c) },
          { title: t('businesses.address'), dataIndex: 'address' },
          {
            title: t('businesses.commune'),
            key: 'commune',
            render: (_: unknown, b) => b.commune.orgUnit ? `${b.commune.orgUnit.name}${b.commune.orgUnit.validTo ? ` (${t('businesses.oldUnit')})` : ''}` : '—',
          },
          { title: t('businesses.workers'), key: 'workers', render: (_: unknown, b) => `${b.workersFemale} ${t('businesses.female')} / ${b.workersMale} ${t('businesses.male')}` },
          {
            title: t('businesses.statusLabel'),
            dataIndex: 'status',
            render: (s: BusinessStatus, b) => <Tag color={statusColor(s)}>{statusLabel(s)} · {formatDate(b.statusSince)}</Tag>,
          },
          {
            title: '',
            key: 'actions',
            render: (_: unknown, b) => (
              <Space wrap>
                <Button size="small" onClick={() => setHistory(b.id)} data-testid="business-history">{t('businesses.history')}</Button>
                {inspReader && <Button size="small" onClick={() => setInspections(b)} data-testid="business-inspections">{t('businesses.inspections')}</Button>}
                {writer && <Button size="small" onClick={() => setEditing(b)} data-testid="business-edit">{t('businesses.edit')}</Button>}
                {writer && b.status !== 'closed' && (
                  <Button size="small" onClick={() => setChanging(b)} data-testid="business-status">{t('businesses.changeStatus')}</Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      {editing && (
        <BusinessForm
          business={editing === 'new' ? null : editing}
          typeOptions={(types?.items ?? []).filter((x) => x.active).map((x) => ({ value: x.code, label: localName(x, lang, x.code) }))}
          onClose={(saved) => { setEditing(null); if (saved) reload(); }}
        />
      )}
      {changing && <StatusDialog business={changing} statusLabel={statusLabel} onClose={(saved) => { setChanging(null); if (saved) reload(); }} />}
      {history !== null && <HistoryDialog id={history} statusLabel={statusLabel} onClose={() => setHistory(null)} />}
      {inspections && <InspectionsDialog business={inspections} onClose={() => setInspections(null)} />}
      {importing && (
        <Modal open title={t('businesses.import')} footer={null} onCancel={() => setImporting(false)} width={720} destroyOnClose>
          <ImportPanel columns={IMPORT_COLUMNS} testId="businesses-import-panel" send={inspectionApi.importBusinesses} onCommitted={() => reload()} />
        </Modal>
      )}
    </div>
  );
}

type FormValues = Omit<BusinessInput, 'version' | 'force'>;

function BusinessForm({ business, typeOptions, onClose }: {
  business: Business | null;
  typeOptions: { value: string; label: string }[];
  onClose: (saved: boolean) => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<FormValues>();
  const [busy, setBusy] = useState(false);
  const [err, setErr] = useState<unknown>(null);
  const [duplicateOf, setDuplicateOf] = useState<number | null>(null);
  const initial: Partial<FormValues> = business
    ? {
        typeCode: business.typeCode, name: business.name, address: business.address,
        communeCode: business.commune.orgUnit?.code ?? '', ownerName: business.ownerName, anttPerson: business.anttPerson,
        anttCertNumber: business.anttCertNumber, anttCertDate: business.anttCertDate, anttCertIssuer: business.anttCertIssuer,
        sectorLicence: business.sectorLicence, policeNotifiedOn: business.policeNotifiedOn,
        workersFemale: business.workersFemale, workersMale: business.workersMale,
      }
    : { workersFemale: 0, workersMale: 0 };

  const save = async (v: FormValues, force = false) => {
    setBusy(true);
    setErr(null);
    try {
      const body: BusinessInput = {
        ...v,
        name: (v.name ?? '').trim(),
        communeAsOf: business && v.communeCode === business.commune.orgUnit?.code ? business.commune.asOf : todayIso(),
        force,
      };
      if (business) await businessApi.update(business.id, { ...body, version: business.version });
      else await businessApi.create(body);
      onClose(true);
    } catch (e) {
      const code = (e as { code?: string }).code;
      const existing = (e as { raw?: { existingId?: number } }).raw?.existingId;
      if (code === 'duplicate_business') setDuplicateOf(existing ?? 0);
      setErr(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open title={business ? t('businesses.edit') : t('businesses.new')} onCancel={() => onClose(false)} footer={null} width={640} destroyOnClose>
      <ErrorAlert error={err} />
      {duplicateOf !== null && (
        <Button danger style={{ marginBottom: 12 }} onClick={() => save(form.getFieldsValue(true) as FormValues, true)} data-testid="business-force">
          {t('businesses.saveAnyway')}
        </Button>
      )}
      <Form form={form} layout="vertical" initialValues={initial} onFinish={(v) => save(v)} data-testid="business-form">
        <Form.Item name="name" label={t('businesses.name')} rules={[{ required: true, whitespace: true, message: t('businesses.name') }]}>
          <Input maxLength={300} data-testid="business-name" />
        </Form.Item>
        <Form.Item name="typeCode" label={t('businesses.type')} rules={[{ required: true, message: t('businesses.type') }]}>
          <Select options={typeOptions} data-testid="business-type" />
        </Form.Item>
        <Form.Item name="communeCode" label={t('businesses.commune')} rules={[{ required: true, message: t('businesses.commune') }]}>
          <OrgUnitSelect style={{ width: '100%' }} data-testid="business-commune" />
        </Form.Item>
        <Form.Item name="address" label={t('businesses.address')}><Input maxLength={500} data-testid="business-address" /></Form.Item>
        <Form.Item name="ownerName" label={t('businesses.owner')}><Input maxLength={200} /></Form.Item>
        <Form.Item name="anttPerson" label={t('businesses.anttPerson')}><Input maxLength={200} /></Form.Item>
        <Space wrap align="start">
          <Form.Item name="anttCertNumber" label={t('businesses.anttCertNumber')}><Input maxLength={200} /></Form.Item>
          <Form.Item name="anttCertDate" label={t('businesses.anttCertDate')} {...dateItem}>
            <DatePicker format={DATE_FORMAT} placeholder={t('common.datePlaceholder')} />
          </Form.Item>
        </Space>
        <Form.Item name="anttCertIssuer" label={t('businesses.anttCertIssuer')}><Input maxLength={200} /></Form.Item>
        <Space wrap align="start">
          <Form.Item name="sectorLicence" label={t('businesses.sectorLicence')}><Input maxLength={200} /></Form.Item>
          <Form.Item name="policeNotifiedOn" label={t('businesses.policeNotifiedOn')} {...dateItem}>
            <DatePicker format={DATE_FORMAT} placeholder={t('common.datePlaceholder')} />
          </Form.Item>
        </Space>
        <Space wrap align="start">
          <Form.Item name="workersFemale" label={t('businesses.workersFemale')}><InputNumber min={0} precision={0} data-testid="business-female" /></Form.Item>
          <Form.Item name="workersMale" label={t('businesses.workersMale')}><InputNumber min={0} precision={0} data-testid="business-male" /></Form.Item>
        </Space>
        <Typography.Paragraph type="secondary">{t('businesses.countsOnly')}</Typography.Paragraph>
        <Space>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="business-save">{t('businesses.save')}</Button>
          <Button onClick={() => onClose(false)}>{t('businesses.cancel')}</Button>
        </Space>
      </Form>
    </Modal>
  );
}

function StatusDialog({ business, statusLabel, onClose }: {
  business: Business;
  statusLabel: (s: BusinessStatus) => string;
  onClose: (saved: boolean) => void;
}) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [err, setErr] = useState<unknown>(null);
  const save = async (v: { status: BusinessStatus; effectiveOn: string; reason: string }) => {
    setBusy(true);
    setErr(null);
    try {
      await businessApi.changeStatus(business.id, { version: business.version, status: v.status, effectiveOn: v.effectiveOn, reason: v.reason.trim() });
      onClose(true);
    } catch (e) {
      setErr(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={`${t('businesses.changeStatus')}: ${business.name}`} onCancel={() => onClose(false)} footer={null} destroyOnClose>
      <ErrorAlert error={err} />
      <Form layout="vertical" onFinish={save} initialValues={{ effectiveOn: todayIso() }} data-testid="business-status-form">
        <Form.Item name="status" label={t('businesses.statusLabel')} rules={[{ required: true, message: t('businesses.statusLabel') }]}>
          <Select options={BUSINESS_STATUSES.filter((s) => s !== business.status).map((s) => ({ value: s, label: statusLabel(s) }))} data-testid="business-new-status" />
        </Form.Item>
        <Form.Item name="effectiveOn" label={t('businesses.effectiveOn')} {...dateItem}>
          <DatePicker format={DATE_FORMAT} allowClear={false} placeholder={t('common.datePlaceholder')} />
        </Form.Item>
        <Form.Item name="reason" label={t('businesses.reason')} rules={[{ required: true, whitespace: true, message: t('businesses.reason') }]}>
          <Input.TextArea maxLength={1000} rows={3} data-testid="business-reason" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="business-status-save">{t('businesses.save')}</Button>
      </Form>
    </Modal>
  );
}

function HistoryDialog({ id, statusLabel, onClose }: { id: number; statusLabel: (s: BusinessStatus) => string; onClose: () => void }) {
  const { t } = useI18n();
  const { data, error } = useApi(businessApi.get(id));
  return (
    <Modal open title={data ? `${t('businesses.history')}: ${data.name}` : t('businesses.history')} onCancel={onClose} footer={null}>
      <ErrorAlert error={error} />
      <Timeline
        data-testid="business-history-list"
        items={(data?.statusHistory ?? []).map((h) => ({
          color: statusColor(h.status),
          children: (
            <span>
              <strong>{formatDate(h.effectiveOn)}</strong> · {statusLabel(h.status)}
              {h.reason ? ` — ${h.reason}` : ''}
              {h.recordedBy ? <Typography.Text type="secondary"> ({h.recordedBy})</Typography.Text> : null}
            </span>
          ),
        }))}
      />
    </Modal>
  );
}

/** A business's inspection records, and "Lập biên bản" for it. */
function InspectionsDialog({ business, onClose }: { business: Business; onClose: () => void }) {
  const { t } = useI18n();
  const { can } = useSession();
  const navigate = useNavigate();
  const { data, error, loading } = useApi(inspectionApi.list({ businessId: business.id, pageSize: 50 }));
  return (
    <Modal open title={`${t('businesses.inspections')}: ${business.name}`} onCancel={onClose} footer={null} width={820}>
      <ErrorAlert error={error} />
      {can(PERM.inspectionsWrite) && business.status === 'operating' && (
        <Button type="primary" style={{ marginBottom: 12 }} onClick={() => navigate(`/inspections/new?businessId=${business.id}`)} data-testid="business-inspect">
          {t('insp.new')}
        </Button>
      )}
      <ListTable
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={data?.items ?? []}
        pagination={false}
        locale={{ emptyText: t('insp.empty') }}
        data-testid="business-inspections-list"
        columns={inspectionColumns(t).filter((c) => c.key !== 'business' && c.key !== 'commune')}
      />
    </Modal>
  );
}
