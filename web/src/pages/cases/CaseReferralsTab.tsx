// The "Chuyển gửi" tab of a record (docs/api-cases.md "Referrals"): the referrals with their
// status and the derived overdue flag, a form to refer the person to a receiving agency (reason,
// what is shared — never identity — and the agreed response time), and revoke. Consent to referral
// for the agency's kind is checked by the server (409 consent_required, shown as such).
import { useState } from 'react';
import { Alert, Button, Card, Checkbox, Form, Input, InputNumber, Popconfirm, Select, Space, Tag, Typography } from 'antd';
import { PERM } from '../../api/types';
import type { Case } from '../../api/cases';
import { agencyApi } from '../../api/orgUnits';
import {
  caseSupportApi,
  referralColour,
  REFERRAL_REASON_MAX,
  RESPONSE_DAYS_MAX,
  SHAREABLE_FIELDS,
  type CaseReferral,
  type ShareableField,
} from '../../api/caseSupport';
import { formatDate, todayIso } from '../../format';
import { localName, useI18n } from '../../i18n';
import { useAgencyKinds } from '../../reference';
import { useSession } from '../../session';
import { useApi } from '../../useApi';
import { ErrorAlert } from '../../components/ResultPages';
import { ListTable } from '../../components/list';
import { ConsentRefused } from './CaseServicesTab';

interface Values {
  agencyId?: number;
  reason?: string;
  shared?: ShareableField[];
  responseDays?: number;
}

export function useReferralLabels() {
  const { t } = useI18n();
  return {
    statusLabel: (r: { status: CaseReferral['status']; overdue: boolean }) =>
      r.overdue ? t('caseSupport.referral.overdue') : t(`caseSupport.referral.status.${r.status}`),
    sharedLabel: (f: string) => t(`caseSupport.shared.${f as ShareableField}`),
  };
}

export default function CaseReferralsTab({ rec }: { rec: Case }) {
  const { t, lang } = useI18n();
  const { can } = useSession();
  const kinds = useAgencyKinds();
  const labels = useReferralLabels();
  const mayRecord = can(PERM.casesRecord);
  const { data, error, loading, reload } = useApi(caseSupportApi.referrals(rec.id));
  const { data: agencies } = useApi(mayRecord ? agencyApi.list({ asOf: todayIso(), pageSize: 500, sort: 'name' }) : null);
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<unknown>(null);
  const kindName = (k: string) => localName(kinds.find((x) => x.code === k), lang, k);

  const run = async (fn: () => Promise<unknown>, reset = false) => {
    setBusy(true);
    setActionError(null);
    try {
      await fn();
      if (reset) form.resetFields();
      reload();
    } catch (e) {
      setActionError(e);
    } finally {
      setBusy(false);
    }
  };

  const submit = (v: Values) =>
    run(
      () =>
        caseSupportApi.addReferral(rec.id, {
          agencyId: v.agencyId ?? 0,
          reason: (v.reason ?? '').trim(),
          shared: v.shared ?? [],
          responseDays: v.responseDays ?? 7,
        }),
      true,
    );

  return (
    <div>
      <ErrorAlert error={error} onRetry={reload} />
      {mayRecord && rec.status === 'open' && (
        <Card size="small" title={t('caseSupport.referral.add')} style={{ marginBottom: 12 }}>
          <ConsentRefused error={actionError} testId="case-referral-consent-required" />
          <Form form={form} layout="vertical" onFinish={submit} initialValues={{ responseDays: 7, shared: [] }} data-testid="case-referral-form">
            <Form.Item name="agencyId" label={t('caseSupport.referral.agency')} rules={[{ required: true, message: t('caseSupport.referral.agency') }]}>
              <Select
                showSearch
                optionFilterProp="label"
                options={(agencies?.items ?? []).map((a) => ({ value: a.id, label: `${a.name} (${kindName(a.kind)})` }))}
                data-testid="case-referral-agency"
              />
            </Form.Item>
            <Form.Item
              name="reason"
              label={t('caseSupport.referral.reason')}
              extra={t('caseSupport.noteHint')}
              rules={[{ required: true, whitespace: true, message: t('caseSupport.referral.reason') }]}
            >
              <Input.TextArea rows={2} maxLength={REFERRAL_REASON_MAX} data-testid="case-referral-reason" />
            </Form.Item>
            <Form.Item name="shared" label={t('caseSupport.referral.shared')} extra={t('caseSupport.referral.sharedHint')}>
              <Checkbox.Group
                options={SHAREABLE_FIELDS.map((f) => ({ value: f, label: labels.sharedLabel(f) }))}
                data-testid="case-referral-shared"
              />
            </Form.Item>
            <Form.Item name="responseDays" label={t('caseSupport.referral.responseDays')}>
              <InputNumber min={1} max={RESPONSE_DAYS_MAX} style={{ width: 120 }} data-testid="case-referral-days" />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={busy} data-testid="case-referral-submit">
              {t('caseSupport.referral.add')}
            </Button>
          </Form>
        </Card>
      )}
      {!(mayRecord && rec.status === 'open') && <ErrorAlert error={actionError} />}
      <Typography.Title level={5}>{t('caseSupport.referral.list')}</Typography.Title>
      <ListTable<CaseReferral>
        rowKey="id"
        size="small"
        loading={loading}
        pagination={false}
        dataSource={data?.items ?? []}
        locale={{ emptyText: t('caseSupport.referral.empty') }}
        data-testid="case-referrals"
        columns={[
          { title: t('caseSupport.referral.agency'), dataIndex: ['agency', 'name'] },
          {
            title: t('caseSupport.referral.status'),
            dataIndex: 'status',
            render: (_: unknown, r: CaseReferral) => (
              <Space direction="vertical" size={0}>
                <Tag color={referralColour(r.status, r.overdue)} data-testid={`case-referral-status-${r.id}`}>
                  {labels.statusLabel(r)}
                </Tag>
                {r.statusReason && <Typography.Text type="secondary">{r.statusReason}</Typography.Text>}
              </Space>
            ),
          },
          { title: t('caseSupport.referral.reason'), dataIndex: 'reason' },
          {
            title: t('caseSupport.referral.shared'),
            dataIndex: 'shared',
            render: (fs: string[]) => (fs.length ? fs.map(labels.sharedLabel).join(', ') : t('caseSupport.referral.codeOnly')),
          },
          { title: t('caseSupport.referral.sentOn'), dataIndex: 'sentOn', render: (d: string) => formatDate(d) },
          { title: t('caseSupport.referral.dueOn'), dataIndex: 'dueOn', render: (d: string) => formatDate(d) },
          ...(mayRecord
            ? [
                {
                  title: '',
                  key: 'actions',
                  render: (_: unknown, r: CaseReferral) =>
                    r.status === 'sent' || r.status === 'accepted' ? (
                      <Popconfirm
                        title={t('caseSupport.referral.revokeConfirm')}
                        okText={t('caseSupport.referral.revoke')}
                        cancelText={t('cases.cancel')}
                        onConfirm={() => run(() => caseSupportApi.revoke(r.id, r.version))}
                      >
                        <Button size="small" danger loading={busy} data-testid={`case-referral-revoke-${r.id}`}>
                          {t('caseSupport.referral.revoke')}
                        </Button>
                      </Popconfirm>
                    ) : null,
                },
              ]
            : []),
        ]}
      />
      {data && data.items.some((r) => r.overdue) && (
        <Alert type="warning" showIcon style={{ marginTop: 12 }} message={t('caseSupport.referral.overdueHint')} />
      )}
    </div>
  );
}
