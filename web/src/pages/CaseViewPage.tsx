// /cases/:id: one person supported, by client code. Tabs: the profile (codes and non-identity
// fields, edited with the version), consent per purpose (dated events: give, withdraw) and the
// access log (who revealed the identity, when, which fields, why). "Xem danh tính" asks for a
// reason and shows the sealed fields once, after the server answers; only the record's case
// worker or supervisor see the button (the server decides anyway). Out of scope: 404.
import { useEffect, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { EyeOutlined } from '@ant-design/icons';
import { useParams } from 'react-router-dom';
import { PERM } from '../api/types';
import { ApiError } from '../api/errors';
import {
  caseApi,
  CASE_SEXES,
  REVEAL_REASON_MAX,
  REVEAL_REASON_MIN,
  type Case,
  type CaseConsents,
  type CaseInput,
  type CaseReveal,
} from '../api/cases';
import { formatDate, formatDateTime, todayIso } from '../format';
import { useI18n } from '../i18n';
import { useAgencyKinds } from '../reference';
import { useSession } from '../session';
import { useApi } from '../useApi';
import { ErrorAlert, NotFound } from '../components/ResultPages';
import { ListTable } from '../components/list';
import { DATE_FORMAT, dayjsToIso, isoToDayjs } from '../components/dates';
import { useCaseLabels } from './casesShared';
import CasePlanTab from './cases/CasePlanTab';
import CaseFollowUpTab from './cases/CaseFollowUpTab';
import CaseClosurePanel from './cases/CaseClosurePanel';
import CaseServicesTab from './cases/CaseServicesTab';
import CaseReferralsTab from './cases/CaseReferralsTab';
import CaseGroupsTab from './cases/CaseGroupsTab';
import CaseRightsPanel from './cases/CaseRightsPanel';

type ConsentItem = CaseConsents['items'][number];
type LogItem = { id: number; user: { id: number; username: string }; action: string; fields: string[]; reason: string; at: string };

export default function CaseViewPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const { can, me } = useSession();
  const { data: rec, error, loading, reload } = useApi(caseApi.one(id));
  const assigned = !!rec && !!me && (rec.caseWorker?.id === me.id || rec.supervisor?.id === me.id);
  const mayLog = assigned || can(PERM.casesSupervise);
  const [logTick, setLogTick] = useState(0);
  const [revealOpen, setRevealOpen] = useState(false);

  if (error instanceof ApiError && error.status === 404) return <NotFound />;
  if (!rec) return <ErrorAlert error={error} onRetry={reload} />;

  return (
    <div style={{ maxWidth: 960 }}>
      <Space style={{ justifyContent: 'space-between', width: '100%', flexWrap: 'wrap' }}>
        <Typography.Title level={3} className="lg-page-title" data-testid="case-title">
          {rec.code}
        </Typography.Title>
        {assigned && can(PERM.casesReveal) && rec.status !== 'anonymised' && (
          <Button icon={<EyeOutlined />} onClick={() => setRevealOpen(true)} data-testid="case-reveal">
            {t('cases.reveal')}
          </Button>
        )}
      </Space>
      <ErrorAlert error={error} onRetry={reload} />
      <Tabs
        destroyInactiveTabPane
        items={[
          { key: 'profile', label: t('cases.tab.profile'), children: <Profile rec={rec} loading={loading} onSaved={reload} /> },
          { key: 'consent', label: t('cases.tab.consent'), children: <Consents rec={rec} /> },
          { key: 'plan', label: t('caseWork.tab.plan'), children: <CasePlanTab rec={rec} /> },
          { key: 'followUp', label: t('caseWork.tab.followUp'), children: <CaseFollowUpTab rec={rec} /> },
          { key: 'services', label: t('cases.tab.services'), children: <CaseServicesTab rec={rec} /> },
          { key: 'referrals', label: t('cases.tab.referrals'), children: <CaseReferralsTab rec={rec} /> },
          { key: 'groups', label: t('cases.tab.groups'), children: <CaseGroupsTab rec={rec} /> },
          ...(mayLog
            ? [{ key: 'log', label: t('cases.tab.accessLog'), children: <AccessLog id={rec.id} tick={logTick} /> }]
            : []),
          { key: 'rights', label: t('caseRights.tab'), children: <CaseRightsPanel rec={rec} assigned={assigned} onChanged={reload} /> },
        ]}
        className="lg-wrap-tabs"
        data-testid="case-tabs"
      />
      {rec.status !== 'anonymised' && <CaseClosurePanel rec={rec} onChanged={reload} />}
      {revealOpen && (
        <RevealDialog
          rec={rec}
          onClose={() => {
            setRevealOpen(false);
            setLogTick((n) => n + 1);
          }}
        />
      )}
    </div>
  );
}

interface ProfileValues {
  birthYear?: number | null;
  sex?: Case['sex'];
  status?: Case['status'];
  targetGroups?: string[];
}

function Profile({ rec, loading, onSaved }: { rec: Case; loading: boolean; onSaved: () => void }) {
  const { t } = useI18n();
  const { can } = useSession();
  const { message } = App.useApp();
  const labels = useCaseLabels();
  const [form] = Form.useForm<ProfileValues>();
  const [editing, setEditing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (!editing) form.setFieldsValue({ birthYear: rec.birthYear, sex: rec.sex, status: rec.status, targetGroups: rec.targetGroups });
  }, [rec, editing, form]);

  const save = async (v: ProfileValues) => {
    setBusy(true);
    setError(null);
    const body: CaseInput = {
      residenceUnitCode: rec.residence.orgUnit?.code ?? '',
      residenceAsOf: rec.residence.asOf,
      birthYear: v.birthYear ?? null,
      sex: v.sex,
      status: rec.status === 'anonymised' ? undefined : rec.status, // changed only by closure and reopen (the closure panel)
      targetGroups: v.targetGroups ?? [],
      version: rec.version,
    };
    try {
      await caseApi.update(rec.id, body);
      message.success(t('cases.saved'));
      setEditing(false);
      onSaved();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const unit = rec.residence.orgUnit;
  if (editing)
    return (
      <Card size="small">
        <ErrorAlert error={error} />
        <Form form={form} layout="vertical" onFinish={save} data-testid="case-edit-form">
          <Space wrap>
            <Form.Item name="birthYear" label={t('cases.birthYear')}>
              <InputNumber min={1900} max={new Date().getFullYear()} style={{ width: 140 }} data-testid="case-edit-year" />
            </Form.Item>
            <Form.Item name="sex" label={t('cases.sex')}>
              <Select style={{ width: 160 }} options={CASE_SEXES.map((s) => ({ value: s, label: labels.sexLabel(s) }))} />
            </Form.Item>
          </Space>
          <Form.Item name="targetGroups" label={t('cases.targetGroups')} rules={[{ required: true, message: t('cases.targetGroups') }]}>
            <Select mode="multiple" options={labels.harmGroups.map((g) => ({ value: g.code, label: labels.groupLabel(g.code) }))} />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" loading={busy} data-testid="case-edit-save">
              {t('cases.save')}
            </Button>
            <Button onClick={() => setEditing(false)}>{t('cases.cancel')}</Button>
          </Space>
        </Form>
      </Card>
    );
  return (
    <div>
      <Descriptions bordered size="small" column={1} data-testid="case-profile">
        <Descriptions.Item label={t('cases.code')}>{rec.code}</Descriptions.Item>
        <Descriptions.Item label={t('cases.residence')}>
          {unit ? `${unit.name} (${unit.code})` : '—'} · {formatDate(rec.residence.asOf)}
        </Descriptions.Item>
        <Descriptions.Item label={t('cases.birthYear')}>{rec.birthYear ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('cases.sex')}>{labels.sexLabel(rec.sex)}</Descriptions.Item>
        <Descriptions.Item label={t('cases.status')}>
          <Tag color={rec.status === 'open' ? 'green' : 'default'}>{labels.statusLabel(rec.status)}</Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t('cases.targetGroups')}>
          <Space size={[4, 4]} wrap>
            {rec.targetGroups.map((g) => (
              <Tag key={g} style={{ whiteSpace: 'normal' }}>
                {labels.groupLabel(g)}
              </Tag>
            ))}
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label={t('cases.caseWorker')}>{rec.caseWorker?.fullName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('cases.supervisor')}>{rec.supervisor?.fullName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('cases.registeredOn')}>{formatDate(rec.registeredOn)}</Descriptions.Item>
        <Descriptions.Item label={t('cases.sealedFields')}>
          <Space size={[4, 4]} wrap>
            {rec.sealedFields.map((f) => (
              <Tag key={f}>{labels.fieldLabel(f)}</Tag>
            ))}
          </Space>
        </Descriptions.Item>
      </Descriptions>
      {can(PERM.casesRecord) && rec.status !== 'anonymised' && (
        <Button style={{ marginTop: 12 }} onClick={() => setEditing(true)} disabled={loading} data-testid="case-edit">
          {t('cases.edit')}
        </Button>
      )}
    </div>
  );
}

function Consents({ rec }: { rec: Case }) {
  const { t } = useI18n();
  const { can } = useSession();
  const labels = useCaseLabels();
  const kinds = useAgencyKinds();
  const { data, error, reload } = useApi(caseApi.consents(rec.id));
  const [form] = Form.useForm<{ purpose?: string; effectiveOn?: string; note?: string }>();
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<unknown>(null);
  const items = data?.items ?? [];
  const current = data?.current ?? {};
  const purposes = ['services', 'statistics', ...kinds.map((k) => `referral:${k.code}`)];
  // The latest event of each purpose (the one a withdrawal refers to).
  const latest = new Map<string, ConsentItem>();
  for (const c of items) {
    const l = latest.get(c.purpose);
    if (!l || c.version > l.version) latest.set(c.purpose, c);
  }

  const act = async (fn: () => Promise<unknown>) => {
    setBusy(true);
    setActionError(null);
    try {
      await fn();
      form.resetFields(['note']);
      reload();
    } catch (e) {
      setActionError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div>
      <ErrorAlert error={error} onRetry={reload} />
      <ErrorAlert error={actionError} />
      {Object.keys(current).length === 0 ? (
        <Alert type="info" showIcon message={t('cases.consent.none')} style={{ marginBottom: 12 }} data-testid="case-consent-none" />
      ) : (
        <Space direction="vertical" style={{ width: '100%', marginBottom: 12 }} data-testid="case-consent-current">
          {Object.entries(current).map(([p, holds]) => (
            <Space key={p} wrap data-testid={`case-consent-${p}`}>
              <Typography.Text strong>{labels.purposeLabel(p)}</Typography.Text>
              <Tag color={holds ? 'green' : 'default'}>{t(holds ? 'cases.consent.holds' : 'cases.consent.notHeld')}</Tag>
              {holds && can(PERM.casesRecord) && latest.get(p) && (
                <Button
                  size="small"
                  loading={busy}
                  onClick={() =>
                    act(() => caseApi.withdrawConsent(rec.id, latest.get(p)!.id, { effectiveOn: form.getFieldValue('effectiveOn') || todayIso() }))
                  }
                  data-testid={`case-consent-withdraw-${p}`}
                >
                  {t('cases.consent.withdraw')}
                </Button>
              )}
            </Space>
          ))}
        </Space>
      )}
      {can(PERM.casesRecord) && (
        <Card size="small" title={t('cases.consent.give')} style={{ marginBottom: 12 }}>
          <Form
            form={form}
            layout="vertical"
            initialValues={{ effectiveOn: todayIso() }}
            onFinish={(v) =>
              act(() => caseApi.giveConsent(rec.id, { purpose: v.purpose ?? '', effectiveOn: v.effectiveOn, note: v.note?.trim() || undefined }))
            }
            data-testid="case-consent-form"
          >
            <Space wrap align="start">
              <Form.Item name="purpose" label={t('cases.consent.purpose')} rules={[{ required: true, message: t('cases.consent.purpose') }]}>
                <Select
                  style={{ width: 260, maxWidth: '100%' }}
                  options={purposes.map((p) => ({ value: p, label: labels.purposeLabel(p) }))}
                  data-testid="case-consent-purpose"
                />
              </Form.Item>
              <Form.Item
                name="effectiveOn"
                label={t('cases.consent.effectiveOn')}
                getValueProps={(v: string | undefined) => ({ value: isoToDayjs(v) })}
                normalize={(d) => dayjsToIso(d)}
              >
                <DatePicker format={DATE_FORMAT} placeholder={t('common.datePlaceholder')} allowClear={false} data-testid="case-consent-date" />
              </Form.Item>
            </Space>
            <Form.Item name="note" label={t('cases.consent.note')}>
              <Input maxLength={500} data-testid="case-consent-note" />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={busy} data-testid="case-consent-give">
              {t('cases.consent.give')}
            </Button>
          </Form>
        </Card>
      )}
      <Typography.Title level={5}>{t('cases.consent.history')}</Typography.Title>
      <ListTable<ConsentItem>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={items}
        data-testid="case-consent-history"
        columns={[
          { title: t('cases.consent.purpose'), dataIndex: 'purpose', render: labels.purposeLabel },
          {
            title: t('cases.consent.action'),
            dataIndex: 'action',
            render: (a: string) => (
              <Tag color={a === 'given' ? 'green' : 'red'}>{t(a === 'given' ? 'cases.consent.action.given' : 'cases.consent.action.withdrawn')}</Tag>
            ),
          },
          { title: t('cases.consent.effectiveOn'), dataIndex: 'effectiveOn', render: (d: string) => formatDate(d) },
          { title: t('cases.consent.note'), dataIndex: 'note', render: (n: string) => n || '—' },
          { title: t('cases.consent.recordedBy'), dataIndex: 'recordedBy', render: (u: string | null) => u ?? '—' },
        ]}
      />
    </div>
  );
}

function AccessLog({ id, tick }: { id: number; tick: number }) {
  const { t } = useI18n();
  const labels = useCaseLabels();
  const { data, error, loading, reload } = useApi(caseApi.accessLog(id));
  useEffect(() => {
    if (tick > 0) reload();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [tick]);
  return (
    <div>
      <ErrorAlert error={error} onRetry={reload} />
      <ListTable<LogItem>
        rowKey="id"
        size="small"
        loading={loading}
        pagination={false}
        dataSource={(data?.items ?? []) as LogItem[]}
        locale={{ emptyText: t('cases.log.empty') }}
        data-testid="case-access-log"
        columns={[
          { title: t('cases.log.at'), dataIndex: 'at', render: (d: string) => formatDateTime(d) },
          { title: t('cases.log.user'), dataIndex: ['user', 'username'] },
          {
            title: t('cases.log.fields'),
            dataIndex: 'fields',
            render: (fs: string[]) => fs.map(labels.fieldLabel).join(', '),
          },
          { title: t('cases.log.reason'), dataIndex: 'reason' },
        ]}
      />
    </div>
  );
}

function RevealDialog({ rec, onClose }: { rec: Case; onClose: () => void }) {
  const { t } = useI18n();
  const labels = useCaseLabels();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [shown, setShown] = useState<CaseReveal | null>(null);
  const trimmed = reason.trim();
  const ok = trimmed.length >= REVEAL_REASON_MIN && trimmed.length <= REVEAL_REASON_MAX;

  const reveal = async () => {
    setBusy(true);
    setError(null);
    try {
      setShown(await caseApi.reveal(rec.id, trimmed));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={t('cases.revealTitle', { code: rec.code })}
      onCancel={onClose}
      destroyOnClose
      footer={
        shown ? (
          <Button onClick={onClose} data-testid="case-reveal-close">
            {t('cases.close')}
          </Button>
        ) : (
          <Space>
            <Button onClick={onClose}>{t('cases.cancel')}</Button>
            <Button type="primary" danger disabled={!ok} loading={busy} onClick={reveal} data-testid="case-reveal-submit">
              {t('cases.revealSubmit')}
            </Button>
          </Space>
        )
      }
      data-testid="case-reveal-dialog"
    >
      <ErrorAlert error={error} />
      {shown ? (
        <>
          <Alert type="warning" showIcon message={t('cases.revealShownOnce')} style={{ marginBottom: 12 }} />
          <Descriptions bordered size="small" column={1} data-testid="case-revealed">
            {shown.fields.map((f) => (
              <Descriptions.Item key={f} label={labels.fieldLabel(f)}>
                {shown.identity[f] ?? '—'}
              </Descriptions.Item>
            ))}
          </Descriptions>
        </>
      ) : (
        <>
          <Typography.Paragraph type="secondary">{t('cases.revealWarning')}</Typography.Paragraph>
          <Form layout="vertical">
            <Form.Item
              label={t('cases.revealReason')}
              validateStatus={reason && !ok ? 'error' : undefined}
              help={reason && trimmed.length < REVEAL_REASON_MIN ? t('cases.reasonTooShort') : undefined}
            >
              <Input.TextArea
                rows={3}
                maxLength={REVEAL_REASON_MAX}
                showCount
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                data-testid="case-reveal-reason"
              />
            </Form.Item>
          </Form>
        </>
      )}
    </Modal>
  );
}
