// The "Dịch vụ" tab of a record (docs/api-cases.md "Services delivered"): the services delivered,
// each naming its host programme and funding source, and a form to add one from the catalogue.
// Without consent to services on the date the server refuses (409 consent_required): the refusal
// is shown as such, with what to do.
import { useState } from 'react';
import { Alert, Button, Card, DatePicker, Form, Input, Select, Space, Typography } from 'antd';
import { PERM } from '../../api/types';
import { ApiError } from '../../api/errors';
import type { Case } from '../../api/cases';
import { caseSupportApi, type CaseService, type CaseServiceInput } from '../../api/caseSupport';
import { formatDate, todayIso } from '../../format';
import { localName, useI18n } from '../../i18n';
import { useSession } from '../../session';
import { useApi } from '../../useApi';
import { ErrorAlert } from '../../components/ResultPages';
import { ListTable } from '../../components/list';
import { DATE_FORMAT, dayjsToIso, isoToDayjs } from '../../components/dates';

type Values = Partial<CaseServiceInput>;

export function ConsentRefused({ error, testId }: { error: unknown; testId: string }) {
  const { t, errText } = useI18n();
  if (!(error instanceof ApiError && error.code === 'consent_required')) return <ErrorAlert error={error} />;
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 12 }}
      message={t('caseSupport.consentRequired')}
      description={
        <>
          <div>{errText(error)}</div>
          <div>{t('caseSupport.consentRequiredHint')}</div>
        </>
      }
      data-testid={testId}
    />
  );
}

export default function CaseServicesTab({ rec }: { rec: Case }) {
  const { t, lang } = useI18n();
  const { can } = useSession();
  const { data, error, loading, reload } = useApi(caseSupportApi.services(rec.id));
  const { data: cat } = useApi(can(PERM.casesRecord) ? caseSupportApi.catalogue() : null);
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<unknown>(null);
  const name = (x: { nameVi: string; nameEn: string; code?: string }) => localName(x, lang, x.code ?? '');

  const add = async (v: Values) => {
    setBusy(true);
    setActionError(null);
    try {
      await caseSupportApi.addService(rec.id, {
        serviceCode: v.serviceCode ?? '',
        hostProgrammeCode: v.hostProgrammeCode ?? '',
        fundingSourceCode: v.fundingSourceCode ?? '',
        deliveredOn: v.deliveredOn,
        note: v.note?.trim() || undefined,
      });
      form.resetFields(['serviceCode', 'note']);
      reload();
    } catch (e) {
      setActionError(e);
    } finally {
      setBusy(false);
    }
  };

  const opts = (xs: { code: string; nameVi: string; nameEn: string }[] | undefined) =>
    (xs ?? []).map((x) => ({ value: x.code, label: name(x) }));
  const required = (label: string) => [{ required: true, message: label }];

  return (
    <div>
      <ErrorAlert error={error} onRetry={reload} />
      {can(PERM.casesRecord) && rec.status === 'open' && (
        <Card size="small" title={t('caseSupport.service.add')} style={{ marginBottom: 12 }}>
          <ConsentRefused error={actionError} testId="case-service-consent-required" />
          <Form form={form} layout="vertical" onFinish={add} initialValues={{ deliveredOn: todayIso() }} data-testid="case-service-form">
            <Form.Item name="serviceCode" label={t('caseSupport.service')} rules={required(t('caseSupport.service'))}>
              <Select showSearch optionFilterProp="label" options={opts(cat?.services)} data-testid="case-service-code" />
            </Form.Item>
            <Form.Item name="hostProgrammeCode" label={t('caseSupport.hostProgramme')} rules={required(t('caseSupport.hostProgramme'))}>
              <Select showSearch optionFilterProp="label" options={opts(cat?.hostProgrammes)} data-testid="case-service-programme" />
            </Form.Item>
            <Form.Item name="fundingSourceCode" label={t('caseSupport.fundingSource')} rules={required(t('caseSupport.fundingSource'))}>
              <Select showSearch optionFilterProp="label" options={opts(cat?.fundingSources)} data-testid="case-service-funding" />
            </Form.Item>
            <Space wrap align="start">
              <Form.Item
                name="deliveredOn"
                label={t('caseSupport.deliveredOn')}
                getValueProps={(v: string | undefined) => ({ value: isoToDayjs(v) })}
                normalize={(d) => dayjsToIso(d)}
              >
                <DatePicker format={DATE_FORMAT} placeholder={t('common.datePlaceholder')} allowClear={false} data-testid="case-service-date" />
              </Form.Item>
            </Space>
            <Form.Item name="note" label={t('caseSupport.note')} extra={t('caseSupport.noteHint')}>
              <Input maxLength={500} data-testid="case-service-note" />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={busy} data-testid="case-service-submit">
              {t('caseSupport.service.add')}
            </Button>
          </Form>
        </Card>
      )}
      <Typography.Title level={5}>{t('caseSupport.service.list')}</Typography.Title>
      <ListTable<CaseService>
        rowKey="id"
        size="small"
        loading={loading}
        pagination={false}
        dataSource={data?.items ?? []}
        locale={{ emptyText: t('caseSupport.service.empty') }}
        data-testid="case-services"
        columns={[
          { title: t('caseSupport.deliveredOn'), dataIndex: 'deliveredOn', render: (d: string) => formatDate(d) },
          { title: t('caseSupport.service'), dataIndex: 'service', render: name },
          { title: t('caseSupport.hostProgramme'), dataIndex: 'hostProgramme', render: name },
          { title: t('caseSupport.fundingSource'), dataIndex: 'fundingSource', render: name },
          { title: t('caseSupport.provider'), dataIndex: 'recordedBy', render: (u: string) => u || '—' },
          { title: t('caseSupport.note'), dataIndex: 'note', render: (n: string) => n || '—' },
        ]}
      />
    </div>
  );
}
