// /case-groups: clubs and peer groups (câu lạc bộ, nhóm tự lực) of people supported in scope
// (docs/api-cases.md "Clubs and peer groups"), with their current member counts, and a form to
// create one in a unit of one's scope.
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Button, Card, DatePicker, Form, Input, Select, Space, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { PERM } from '../../api/types';
import { caseGroupApi, caseSupportApi, CASE_GROUP_KINDS, type CaseGroupSummary } from '../../api/caseSupport';
import { formatDate, todayIso } from '../../format';
import { localName, useI18n } from '../../i18n';
import { useSession } from '../../session';
import { useApi } from '../../useApi';
import { ErrorAlert } from '../../components/ResultPages';
import { ListTable } from '../../components/list';
import { OrgUnitSelect } from '../../components/OrgUnitSelect';
import { DATE_FORMAT, dayjsToIso, isoToDayjs } from '../../components/dates';

interface Values {
  orgUnitCode?: string;
  name?: string;
  kind?: string;
  hostProgrammeCode?: string;
  foundedOn?: string;
}

export function useGroupLabels() {
  const { t, lang } = useI18n();
  const { data: cat } = useApi(caseSupportApi.catalogue());
  return {
    kindLabel: (k: string) => t(k === 'club' ? 'caseGroups.kind.club' : 'caseGroups.kind.peer_group'),
    programmeLabel: (code: string | null | undefined) =>
      code ? localName(cat?.hostProgrammes.find((p) => p.code === code), lang, code) : '—',
    programmes: cat?.hostProgrammes ?? [],
  };
}

export default function CaseGroupsPage() {
  const { t, lang } = useI18n();
  const { can } = useSession();
  const navigate = useNavigate();
  const labels = useGroupLabels();
  const [kind, setKind] = useState<string | undefined>();
  const { data, error, loading, reload } = useApi(caseGroupApi.list(kind ? { kind } : {}));
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<unknown>(null);

  const create = async (v: Values) => {
    setBusy(true);
    setActionError(null);
    try {
      const g = await caseGroupApi.create({
        orgUnitCode: v.orgUnitCode ?? '',
        orgUnitAsOf: todayIso(),
        name: (v.name ?? '').trim(),
        kind: (v.kind ?? 'club') as 'club',
        hostProgrammeCode: v.hostProgrammeCode || null,
        foundedOn: v.foundedOn,
      });
      navigate(`/case-groups/${g.id}`);
    } catch (e) {
      setActionError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div style={{ maxWidth: 960 }}>
      <Space style={{ justifyContent: 'space-between', width: '100%', flexWrap: 'wrap' }}>
        <Typography.Title level={3} className="lg-page-title">
          {t('caseGroups.title')}
        </Typography.Title>
        {can(PERM.casesRecord) && !creating && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="case-groups-new">
            {t('caseGroups.new')}
          </Button>
        )}
      </Space>
      <Typography.Paragraph type="secondary">{t('caseGroups.hint')}</Typography.Paragraph>
      <ErrorAlert error={error} onRetry={reload} />
      {creating && (
        <Card size="small" title={t('caseGroups.new')} style={{ marginBottom: 12 }}>
          <ErrorAlert error={actionError} />
          <Form form={form} layout="vertical" onFinish={create} initialValues={{ kind: 'club', foundedOn: todayIso() }} data-testid="case-group-form">
            <Form.Item name="orgUnitCode" label={t('caseGroups.unit')} rules={[{ required: true, message: t('caseGroups.unit') }]}>
              <OrgUnitSelect style={{ width: '100%' }} data-testid="case-group-unit" />
            </Form.Item>
            <Form.Item name="name" label={t('caseGroups.name')} extra={t('caseGroups.nameHint')} rules={[{ required: true, whitespace: true, message: t('caseGroups.name') }]}>
              <Input maxLength={200} data-testid="case-group-name" />
            </Form.Item>
            <Space wrap align="start">
              <Form.Item name="kind" label={t('caseGroups.kind')}>
                <Select style={{ width: 200 }} options={CASE_GROUP_KINDS.map((k) => ({ value: k, label: labels.kindLabel(k) }))} data-testid="case-group-kind" />
              </Form.Item>
              <Form.Item
                name="foundedOn"
                label={t('caseGroups.foundedOn')}
                getValueProps={(v: string | undefined) => ({ value: isoToDayjs(v) })}
                normalize={(d) => dayjsToIso(d)}
              >
                <DatePicker format={DATE_FORMAT} placeholder={t('common.datePlaceholder')} allowClear={false} data-testid="case-group-founded" />
              </Form.Item>
            </Space>
            <Form.Item name="hostProgrammeCode" label={t('caseGroups.hostProgramme')}>
              <Select
                allowClear
                showSearch
                optionFilterProp="label"
                options={labels.programmes.map((p) => ({ value: p.code, label: localName(p, lang, p.code) }))}
                data-testid="case-group-programme"
              />
            </Form.Item>
            <Space>
              <Button type="primary" htmlType="submit" loading={busy} data-testid="case-group-create">
                {t('caseGroups.create')}
              </Button>
              <Button onClick={() => setCreating(false)}>{t('cases.cancel')}</Button>
            </Space>
          </Form>
        </Card>
      )}
      <Select
        allowClear
        style={{ width: 220, marginBottom: 12 }}
        placeholder={t('caseGroups.kind')}
        value={kind}
        onChange={setKind}
        options={CASE_GROUP_KINDS.map((k) => ({ value: k, label: labels.kindLabel(k) }))}
        data-testid="case-groups-kind-filter"
      />
      <ListTable<CaseGroupSummary>
        rowKey="id"
        size="small"
        loading={loading}
        pagination={false}
        dataSource={data?.items ?? []}
        locale={{ emptyText: t('caseGroups.empty') }}
        data-testid="case-groups-table"
        columns={[
          { title: t('caseGroups.name'), dataIndex: 'name', render: (n: string, g) => <Link to={`/case-groups/${g.id}`}>{n}</Link> },
          { title: t('caseGroups.kind'), dataIndex: 'kind', render: (k: string) => labels.kindLabel(k) },
          { title: t('caseGroups.unit'), dataIndex: ['orgUnit', 'name'] },
          { title: t('caseGroups.members'), dataIndex: 'memberCount' },
          { title: t('caseGroups.foundedOn'), dataIndex: 'foundedOn', render: (d: string) => formatDate(d) },
          {
            title: t('caseGroups.active'),
            dataIndex: 'active',
            render: (a: boolean) => <Tag color={a ? 'green' : 'default'}>{t(a ? 'caseGroups.active.yes' : 'caseGroups.active.no')}</Tag>,
          },
        ]}
      />
    </div>
  );
}
