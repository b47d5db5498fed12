// /case-groups/:id: one club or peer group — its details (edited with the version) and its members
// by client code only (each opens its record when in scope); add a member by client code, end a
// membership (kept in the history). Out of scope: 404.
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Button, Card, DatePicker, Descriptions, Form, Input, Popconfirm, Select, Space, Switch, Tag, Typography } from 'antd';
import { PERM } from '../../api/types';
import { ApiError } from '../../api/errors';
import { caseGroupApi, CASE_GROUP_KINDS, type CaseGroup, type CaseGroupMember } from '../../api/caseSupport';
import { formatDate, todayIso } from '../../format';
import { localName, useI18n } from '../../i18n';
import { useSession } from '../../session';
import { useApi } from '../../useApi';
import { ErrorAlert, NotFound } from '../../components/ResultPages';
import { ListTable } from '../../components/list';
import { DATE_FORMAT, dayjsToIso, isoToDayjs } from '../../components/dates';
import { useGroupLabels } from './CaseGroupsPage';

export default function CaseGroupPage() {
  const { id = '' } = useParams();
  const { can } = useSession();
  const { data: g, error, reload } = useApi(caseGroupApi.one(id));
  const [shown, setShown] = useState<CaseGroup | null>(null);
  const group = shown && g && shown.id === g.id && shown.version >= g.version ? shown : g;
  if (error instanceof ApiError && error.status === 404) return <NotFound />;
  if (!group) return <ErrorAlert error={error} onRetry={reload} />;
  const onChanged = (x: CaseGroup) => setShown(x);
  return (
    <div style={{ maxWidth: 960 }}>
      <Typography.Title level={3} className="lg-page-title" data-testid="case-group-title">
        {group.name}
      </Typography.Title>
      <Details group={group} onChanged={onChanged} />
      <Members group={group} onChanged={onChanged} mayRecord={can(PERM.casesRecord)} />
    </div>
  );
}

function Details({ group, onChanged }: { group: CaseGroup; onChanged: (g: CaseGroup) => void }) {
  const { t, lang } = useI18n();
  const { can } = useSession();
  const labels = useGroupLabels();
  const [editing, setEditing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [form] = Form.useForm();
  const save = async (v: { name: string; kind: 'club' | 'peer_group'; hostProgrammeCode?: string; foundedOn?: string; active: boolean }) => {
    setBusy(true);
    setError(null);
    try {
      onChanged(
        await caseGroupApi.update(group.id, {
          name: v.name.trim(),
          kind: v.kind,
          hostProgrammeCode: v.hostProgrammeCode || null,
          foundedOn: v.foundedOn,
          active: v.active,
          version: group.version,
        }),
      );
      setEditing(false);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  if (editing)
    return (
      <Card size="small" style={{ marginBottom: 12 }}>
        <ErrorAlert error={error} />
        <Form form={form} layout="vertical" onFinish={save} initialValues={{ ...group }} data-testid="case-group-edit-form">
          <Form.Item name="name" label={t('caseGroups.name')} rules={[{ required: true, whitespace: true, message: t('caseGroups.name') }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Space wrap align="start">
            <Form.Item name="kind" label={t('caseGroups.kind')}>
              <Select style={{ width: 200 }} options={CASE_GROUP_KINDS.map((k) => ({ value: k, label: labels.kindLabel(k) }))} />
            </Form.Item>
            <Form.Item
              name="foundedOn"
              label={t('caseGroups.foundedOn')}
              getValueProps={(v: string | undefined) => ({ value: isoToDayjs(v) })}
              normalize={(d) => dayjsToIso(d)}
            >
              <DatePicker format={DATE_FORMAT} allowClear={false} />
            </Form.Item>
            <Form.Item name="active" label={t('caseGroups.active')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Space>
          <Form.Item name="hostProgrammeCode" label={t('caseGroups.hostProgramme')}>
            <Select allowClear options={labels.programmes.map((p) => ({ value: p.code, label: localName(p, lang, p.code) }))} />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" loading={busy}>
              {t('cases.save')}
            </Button>
            <Button onClick={() => setEditing(false)}>{t('cases.cancel')}</Button>
          </Space>
        </Form>
      </Card>
    );
  return (
    <div style={{ marginBottom: 12 }}>
      <Descriptions bordered size="small" column={1} data-testid="case-group-details">
        <Descriptions.Item label={t('caseGroups.kind')}>{labels.kindLabel(group.kind)}</Descriptions.Item>
        <Descriptions.Item label={t('caseGroups.unit')}>{group.orgUnit ? `${group.orgUnit.name} (${group.orgUnit.code})` : '—'}</Descriptions.Item>
        <Descriptions.Item label={t('caseGroups.hostProgramme')}>{labels.programmeLabel(group.hostProgrammeCode)}</Descriptions.Item>
        <Descriptions.Item label={t('caseGroups.foundedOn')}>{formatDate(group.foundedOn)}</Descriptions.Item>
        <Descriptions.Item label={t('caseGroups.active')}>
          <Tag color={group.active ? 'green' : 'default'}>{t(group.active ? 'caseGroups.active.yes' : 'caseGroups.active.no')}</Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t('caseGroups.members')}>{group.memberCount}</Descriptions.Item>
      </Descriptions>
      {can(PERM.casesRecord) && (
        <Button style={{ marginTop: 12 }} onClick={() => setEditing(true)} data-testid="case-group-edit">
          {t('cases.edit')}
        </Button>
      )}
    </div>
  );
}

function Members({ group, onChanged, mayRecord }: { group: CaseGroup; onChanged: (g: CaseGroup) => void; mayRecord: boolean }) {
  const { t } = useI18n();
  const [code, setCode] = useState('');
  const [joinedOn, setJoinedOn] = useState<string | undefined>(todayIso());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = async (fn: () => Promise<CaseGroup>) => {
    setBusy(true);
    setError(null);
    try {
      onChanged(await fn());
      setCode('');
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div>
      <Typography.Title level={5}>{t('caseGroups.members')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('caseGroups.codesOnly')}</Typography.Paragraph>
      <ErrorAlert error={error} />
      {mayRecord && group.active && (
        <Space wrap style={{ marginBottom: 12 }} align="start">
          <Input
            placeholder={t('caseGroups.memberCode')}
            value={code}
            onChange={(e) => setCode(e.target.value)}
            style={{ width: 200 }}
            data-testid="case-group-member-code"
          />
          <DatePicker
            format={DATE_FORMAT}
            value={isoToDayjs(joinedOn)}
            onChange={(d) => setJoinedOn(dayjsToIso(d))}
            placeholder={t('caseGroups.joinedOn')}
            data-testid="case-group-member-date"
          />
          <Button
            type="primary"
            disabled={!code.trim()}
            loading={busy}
            onClick={() => run(() => caseGroupApi.addMember(group.id, code.trim(), joinedOn))}
            data-testid="case-group-member-add"
          >
            {t('caseGroups.addMember')}
          </Button>
        </Space>
      )}
      <ListTable<CaseGroupMember>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={group.members}
        locale={{ emptyText: t('caseGroups.noMembers') }}
        data-testid="case-group-members"
        columns={[
          { title: t('cases.code'), dataIndex: 'code', render: (c: string, m) => <Link to={`/cases/${m.caseId}`}>{c}</Link> },
          { title: t('caseGroups.joinedOn'), dataIndex: 'joinedOn', render: (d: string) => formatDate(d) },
          {
            title: t('caseGroups.leftOn'),
            dataIndex: 'leftOn',
            render: (d: string | null, m) => (d ? formatDate(d) : <Tag color={m.current ? 'green' : 'default'}>{t('caseGroups.current')}</Tag>),
          },
          ...(mayRecord
            ? [
                {
                  title: '',
                  key: 'end',
                  render: (_: unknown, m: CaseGroupMember) =>
                    m.leftOn ? null : (
                      <Popconfirm
                        title={t('caseGroups.endConfirm', { code: m.code })}
                        okText={t('caseGroups.end')}
                        cancelText={t('cases.cancel')}
                        onConfirm={() => run(() => caseGroupApi.endMember(group.id, m.id))}
                      >
                        <Button size="small" data-testid={`case-group-end-${m.code}`}>
                          {t('caseGroups.end')}
                        </Button>
                      </Popconfirm>
                    ),
                },
              ]
            : []),
        ]}
      />
    </div>
  );
}
