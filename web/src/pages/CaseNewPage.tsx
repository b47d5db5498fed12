// /cases/new: search before create (name + year of birth and/or CCCD → client codes of the
// matching records, and whether they are in the caller's scope), then the create form. The
// identity fields are sealed by the server; nothing of them is shown again after saving.
import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, InputNumber, List, Select, Space, Tag, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { caseApi, CASE_SEXES, type CaseDuplicates, type CaseIdentity, type CaseInput } from '../api/cases';
import { todayIso } from '../format';
import { useI18n } from '../i18n';
import { ErrorAlert } from '../components/ResultPages';
import { OrgUnitSelect } from '../components/OrgUnitSelect';
import { useCaseLabels } from './casesShared';

interface SearchValues {
  fullName?: string;
  birthYear?: number;
  idNumber?: string;
}

interface CreateValues {
  residenceUnitCode?: string;
  birthYear?: number;
  sex?: CaseInput['sex'];
  targetGroups?: string[];
  fullName?: string;
  idNumber?: string;
  phone?: string;
  address?: string;
  notes?: string;
}

const thisYear = new Date().getFullYear();

export default function CaseNewPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const labels = useCaseLabels();
  const [searchForm] = Form.useForm<SearchValues>();
  const [form] = Form.useForm<CreateValues>();
  const [found, setFound] = useState<CaseDuplicates['items'] | null>(null);
  const [creating, setCreating] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const search = async (v: SearchValues) => {
    setBusy(true);
    setError(null);
    try {
      const q: SearchValues = {};
      if (v.fullName?.trim()) q.fullName = v.fullName.trim();
      if (v.birthYear) q.birthYear = v.birthYear;
      if (v.idNumber?.trim()) q.idNumber = v.idNumber.trim();
      const r = await caseApi.duplicates(q);
      setFound(r.items);
      setCreating(false);
      form.setFieldsValue({ fullName: q.fullName, birthYear: q.birthYear, idNumber: q.idNumber });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const create = async (v: CreateValues) => {
    setBusy(true);
    setError(null);
    const identity: CaseIdentity = {};
    for (const f of ['fullName', 'idNumber', 'phone', 'address', 'notes'] as const) {
      const s = v[f]?.trim();
      if (s) identity[f] = s;
    }
    try {
      const c = await caseApi.create({
        residenceUnitCode: v.residenceUnitCode ?? '',
        // The picker lists today's units; a code reused across the 2025 reform needs the day.
        residenceAsOf: todayIso(),
        birthYear: v.birthYear ?? null,
        sex: v.sex,
        targetGroups: v.targetGroups ?? [],
        identity,
      });
      message.success(t('cases.created', { code: c.code }));
      navigate(`/cases/${c.id}`);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const showCreate = found !== null && (found.length === 0 || creating);

  return (
    <div style={{ maxWidth: 760 }}>
      <Typography.Title level={3} className="lg-page-title">
        {t('cases.new')}
      </Typography.Title>
      {!showCreate && <ErrorAlert error={error} />}
      <Card title={t('cases.searchFirst')} size="small" style={{ marginBottom: 16 }}>
        <Typography.Paragraph type="secondary">{t('cases.searchHint')}</Typography.Paragraph>
        <Form form={searchForm} layout="vertical" onFinish={search} data-testid="case-search-form">
          <Form.Item name="fullName" label={t('cases.field.fullName')}>
            <Input maxLength={200} autoComplete="off" data-testid="case-search-name" />
          </Form.Item>
          <Space wrap>
            <Form.Item name="birthYear" label={t('cases.birthYear')}>
              <InputNumber min={1900} max={thisYear} style={{ width: 140 }} data-testid="case-search-year" />
            </Form.Item>
            <Form.Item name="idNumber" label={t('cases.field.idNumber')}>
              <Input maxLength={20} autoComplete="off" style={{ width: 220 }} data-testid="case-search-id" />
            </Form.Item>
          </Space>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="case-search-submit">
            {t('cases.search')}
          </Button>
        </Form>
        {found !== null && found.length === 0 && (
          <Alert type="success" showIcon style={{ marginTop: 16 }} message={t('cases.noDuplicate')} data-testid="case-no-duplicate" />
        )}
        {found !== null && found.length > 0 && (
          <div style={{ marginTop: 16 }} data-testid="case-duplicates">
            <Alert type="warning" showIcon message={t('cases.duplicatesFound')} />
            <List
              dataSource={found}
              renderItem={(d) => (
                <List.Item data-testid="case-duplicate">
                  <Space wrap>
                    <Typography.Text strong>{d.code}</Typography.Text>
                    {d.matchedOn.map((m) => (
                      <Tag key={m}>{t(m === 'name' ? 'cases.matchedOn.name' : 'cases.matchedOn.idNumber')}</Tag>
                    ))}
                    <Tag color={d.inScope ? 'green' : 'orange'}>{t(d.inScope ? 'cases.inScope' : 'cases.outOfScope')}</Tag>
                  </Space>
                </List.Item>
              )}
            />
            {!creating && (
              <Button onClick={() => setCreating(true)} data-testid="case-create-anyway">
                {t('cases.continueCreate')}
              </Button>
            )}
          </div>
        )}
      </Card>
      {showCreate && (
        <Card title={t('cases.createStep')} size="small">
          <Form form={form} layout="vertical" onFinish={create} data-testid="case-create-form" initialValues={{ sex: 'female' }}>
            <Form.Item name="residenceUnitCode" label={t('cases.residence')} rules={[{ required: true, message: t('cases.residence') }]}>
              <OrgUnitSelect style={{ width: '100%' }} data-testid="case-residence" />
            </Form.Item>
            <Space wrap>
              <Form.Item name="birthYear" label={t('cases.birthYear')}>
                <InputNumber min={1900} max={thisYear} style={{ width: 140 }} data-testid="case-birth-year" />
              </Form.Item>
              <Form.Item name="sex" label={t('cases.sex')}>
                <Select
                  style={{ width: 160 }}
                  options={CASE_SEXES.map((s) => ({ value: s, label: labels.sexLabel(s) }))}
                  data-testid="case-sex"
                />
              </Form.Item>
            </Space>
            <Form.Item name="targetGroups" label={t('cases.targetGroups')} rules={[{ required: true, message: t('cases.targetGroups') }]}>
              <Select
                mode="multiple"
                options={labels.harmGroups.map((g) => ({ value: g.code, label: labels.groupLabel(g.code) }))}
                data-testid="case-groups"
              />
            </Form.Item>
            <Typography.Title level={5}>{t('cases.identity')}</Typography.Title>
            <Typography.Paragraph type="secondary">{t('cases.identityHint')}</Typography.Paragraph>
            <Form.Item name="fullName" label={t('cases.field.fullName')} rules={[{ required: true, message: t('cases.field.fullName') }]}>
              <Input maxLength={200} autoComplete="off" data-testid="case-name" />
            </Form.Item>
            <Form.Item name="idNumber" label={t('cases.field.idNumber')}>
              <Input maxLength={20} autoComplete="off" data-testid="case-id-number" />
            </Form.Item>
            <Form.Item name="phone" label={t('cases.field.phone')}>
              <Input maxLength={20} autoComplete="off" data-testid="case-phone" />
            </Form.Item>
            <Form.Item name="address" label={t('cases.field.address')}>
              <Input maxLength={500} autoComplete="off" data-testid="case-address" />
            </Form.Item>
            <Form.Item name="notes" label={t('cases.field.notes')}>
              <Input.TextArea maxLength={4000} rows={3} data-testid="case-notes" />
            </Form.Item>
            <ErrorAlert error={error} />
            <Button type="primary" htmlType="submit" loading={busy} data-testid="case-create-submit">
              {t('cases.create')}
            </Button>
          </Form>
        </Card>
      )}
    </div>
  );
}
