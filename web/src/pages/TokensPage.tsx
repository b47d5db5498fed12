// /account/tokens: the caller's API tokens (issue 21) — or, with ?user=ID, those of a user in the
// caller's scope (users.manage). Create (the secret is shown once, with a copy button), revoke,
// recent uses. Other systems call the API with "Authorization: Bearer lg_…".
import { useState, type HTMLAttributes } from 'react';
import { Alert, App, Button, Card, type ButtonProps, Checkbox, DatePicker, Form, Input, Modal, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { KeyOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useSearchParams } from 'react-router-dom';
import { ApiError } from '../api/api';
import { PERM } from '../api/types';
import { tokenApi, TOKEN_METHODS, type ApiToken, type ApiTokenCreated } from '../api/tokens';
import { formatDateTime } from '../format';
import { useI18n } from '../i18n';
import { useSession } from '../session';
import { useApi } from '../useApi';
import { ErrorAlert } from '../components/ResultPages';
import { DATE_FORMAT } from '../components/dates';
import { useIsPhone } from '../components/responsive';

const STATUS_COLORS: Record<string, string> = { active: 'green', expired: 'default', revoked: 'red' };

interface Values {
  name: string;
  expires: Dayjs;
  permissions: string[];
  methods: string[];
  ranges?: string;
}

export default function TokensPage() {
  const { t, errText } = useI18n();
  const { me, can } = useSession();
  const { message } = App.useApp();
  const phone = useIsPhone();
  const [params] = useSearchParams();
  const userParam = Number(params.get('user')) || undefined;
  const forOther = userParam !== undefined && userParam !== me?.id;
  const { data, loading, error, reload } = useApi(tokenApi.list(forOther ? userParam : undefined));
  const [creating, setCreating] = useState(false);
  const [saving, setSaving] = useState(false);
  const [formError, setFormError] = useState<unknown>(null);
  const [created, setCreated] = useState<ApiTokenCreated | null>(null);
  const [usesOf, setUsesOf] = useState<ApiToken | null>(null);
  const [form] = Form.useForm<Values>();
  const mayCreate = can(PERM.tokensCreate) && (!forOther || can(PERM.usersManage));
  // The permissions offered: what the caller holds (the server also checks the owner holds them).
  const offered = [...(me?.permissions ?? [])].filter((p) => p !== PERM.tokensCreate).sort();

  const open = () => {
    form.resetFields();
    form.setFieldsValue({ expires: dayjs().add(90, 'day'), methods: ['GET'], permissions: [] });
    setFormError(null);
    setCreating(true);
  };

  const submit = async () => {
    const v = await form.validateFields();
    setSaving(true);
    setFormError(null);
    try {
      const ranges = (v.ranges ?? '').split(/[\s,]+/).map((s) => s.trim()).filter(Boolean);
      const res = await tokenApi.create({
        name: v.name,
        expiresAt: v.expires.format('YYYY-MM-DD'),
        permissions: v.permissions,
        methods: v.methods as ApiToken['methods'],
        addressRanges: ranges,
        ...(forOther ? { userId: userParam } : {}),
      });
      setCreating(false);
      setCreated(res);
      reload();
    } catch (e) {
      setFormError(e);
      const fields: Record<string, keyof Values> = { name: 'name', expiresAt: 'expires', days: 'expires', permissions: 'permissions', methods: 'methods', addressRanges: 'ranges' };
      if (e instanceof ApiError && e.field && fields[e.field]) form.setFields([{ name: fields[e.field], errors: [errText(e)] }]);
    } finally {
      setSaving(false);
    }
  };

  const revoke = async (tk: ApiToken) => {
    try {
      await tokenApi.revoke(tk.id);
      message.success(t('tokens.revoked', { name: tk.name }));
      reload();
    } catch (e) {
      message.error(errText(e));
    }
  };

  const status = (tk: ApiToken) => (
    <Tag color={STATUS_COLORS[tk.status]} data-testid={`token-status-${tk.id}`}>
      {t(`tokens.status.${tk.status}` as 'tokens.status.active')}
    </Tag>
  );
  const actions = (tk: ApiToken) => (
    <Space wrap size={4}>
      <Button size="small" onClick={() => setUsesOf(tk)} data-testid={`token-uses-${tk.id}`}>
        {t('tokens.uses')}
      </Button>
      {tk.status === 'active' && (
        <Popconfirm
          title={t('tokens.revokeConfirm', { name: tk.name })}
          okText={t('tokens.revoke')}
          cancelText={t('common.cancel')}
          okButtonProps={{ danger: true, 'data-testid': 'token-revoke-ok' } as ButtonProps}
          onConfirm={() => revoke(tk)}
        >
          <Button size="small" danger data-testid={`token-revoke-${tk.id}`}>
            {t('tokens.revoke')}
          </Button>
        </Popconfirm>
      )}
    </Space>
  );
  const tags = (xs: string[], empty = '—') => (xs.length ? xs.map((x) => <Tag key={x} style={{ marginBottom: 2 }}>{x}</Tag>) : empty);

  const items = data?.items ?? [];
  return (
    <div>
      <Typography.Title level={3} className="lg-page-title">
        <KeyOutlined /> {t('tokens.title')}
        {forOther && items[0] ? ` — ${items[0].username}` : ''}
      </Typography.Title>
      <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t('tokens.intro')} description={<code style={{ wordBreak: 'break-all' }}>Authorization: Bearer lg_…</code>} />
      {mayCreate && (
        <Button type="primary" icon={<PlusOutlined />} onClick={open} style={{ marginBottom: 16 }} data-testid="token-new">
          {t('tokens.new')}
        </Button>
      )}
      {error ? <ErrorAlert error={error} onRetry={reload} /> : null}
      {phone ? (
        <Space direction="vertical" style={{ width: '100%' }} data-testid="token-cards">
          {items.length === 0 && !loading && <Typography.Text type="secondary">{t('tokens.none')}</Typography.Text>}
          {items.map((tk) => (
            <Card key={tk.id} size="small" title={<span style={{ whiteSpace: 'normal' }}>{tk.name}</span>} extra={status(tk)} data-testid={`token-row-${tk.id}`}>
              <div><Typography.Text type="secondary">{t('tokens.prefix')}: </Typography.Text><code>lg_{tk.prefix}…</code></div>
              <div><Typography.Text type="secondary">{t('tokens.expires')}: </Typography.Text>{formatDateTime(tk.expiresAt)}</div>
              <div><Typography.Text type="secondary">{t('tokens.lastUsed')}: </Typography.Text>{tk.lastUsedAt ? `${formatDateTime(tk.lastUsedAt)} (${tk.lastUsedIp})` : t('tokens.never')}</div>
              <div><Typography.Text type="secondary">{t('tokens.methods')}: </Typography.Text>{tags(tk.methods)}</div>
              <div><Typography.Text type="secondary">{t('tokens.ranges')}: </Typography.Text>{tags(tk.addressRanges, t('tokens.anyAddress'))}</div>
              <div style={{ marginBottom: 8 }}><Typography.Text type="secondary">{t('tokens.permissions')}: </Typography.Text>{tags(tk.permissions)}</div>
              {actions(tk)}
            </Card>
          ))}
        </Space>
      ) : (
        <Table<ApiToken>
          rowKey="id"
          loading={loading}
          dataSource={items}
          pagination={false}
          locale={{ emptyText: t('tokens.none') }}
          onRow={(tk) => ({ 'data-testid': `token-row-${tk.id}` }) as HTMLAttributes<HTMLElement>}
          scroll={{ x: 'max-content' }}
          columns={[
            { title: t('tokens.name'), dataIndex: 'name' },
            { title: t('tokens.prefix'), dataIndex: 'prefix', render: (p: string) => <code>lg_{p}…</code> },
            { title: t('tokens.permissions'), dataIndex: 'permissions', width: 260, render: (p: string[]) => tags(p) },
            { title: t('tokens.methods'), dataIndex: 'methods', render: (m: string[]) => tags(m) },
            { title: t('tokens.ranges'), dataIndex: 'addressRanges', render: (r: string[]) => tags(r, t('tokens.anyAddress')) },
            { title: t('tokens.expires'), dataIndex: 'expiresAt', render: (d: string) => formatDateTime(d) },
            {
              title: t('tokens.lastUsed'),
              dataIndex: 'lastUsedAt',
              render: (d: string | null, tk) => (d ? `${formatDateTime(d)} (${tk.lastUsedIp})` : t('tokens.never')),
            },
            { title: t('tokens.status'), dataIndex: 'status', render: (_: string, tk) => status(tk) },
            { title: '', key: 'actions', render: (_: unknown, tk) => actions(tk) },
          ]}
        />
      )}

      <Modal
        open={creating}
        title={t('tokens.new')}
        okText={t('tokens.create')}
        cancelText={t('common.cancel')}
        confirmLoading={saving}
        onOk={() => void submit()}
        onCancel={() => setCreating(false)}
        okButtonProps={{ 'data-testid': 'token-create' } as ButtonProps}
        destroyOnClose
      >
        {formError && !(formError instanceof ApiError && formError.field) ? <Alert type="error" showIcon message={errText(formError)} style={{ marginBottom: 12 }} /> : null}
        <Form form={form} layout="vertical" requiredMark>
          <Form.Item name="name" label={t('tokens.name')} rules={[{ required: true, whitespace: true, message: t('tokens.nameRequired') }, { max: 100 }]}>
            <Input maxLength={100} placeholder={t('tokens.namePlaceholder')} data-testid="token-name" />
          </Form.Item>
          <Form.Item name="expires" label={t('tokens.expires')} rules={[{ required: true, message: t('tokens.expiresRequired') }]} extra={t('tokens.expiresHelp')}>
            <DatePicker
              format={DATE_FORMAT}
              style={{ width: '100%' }}
              allowClear={false}
              disabledDate={(d) => d.isBefore(dayjs(), 'day') || d.isAfter(dayjs().add(364, 'day'), 'day')}
              data-testid="token-expires"
            />
          </Form.Item>
          <Form.Item name="methods" label={t('tokens.methods')} rules={[{ required: true, message: t('tokens.methodsRequired') }]}>
            <Checkbox.Group options={TOKEN_METHODS.map((m) => ({ value: m, label: m }))} data-testid="token-methods" />
          </Form.Item>
          <Form.Item name="permissions" label={t('tokens.permissions')} rules={[{ required: true, message: t('tokens.permissionsRequired') }]} extra={t('tokens.permissionsHelp')}>
            <Checkbox.Group style={{ display: 'grid', gridTemplateColumns: phone ? '1fr' : '1fr 1fr', gap: 4 }} data-testid="token-permissions">
              {offered.map((p) => (
                <Checkbox key={p} value={p} data-testid={`token-perm-${p}`}>
                  <span style={{ wordBreak: 'break-all' }}>{p}</span>
                </Checkbox>
              ))}
            </Checkbox.Group>
          </Form.Item>
          <Form.Item name="ranges" label={t('tokens.ranges')} extra={t('tokens.rangesHelp')}>
            <Input.TextArea rows={2} placeholder="10.0.0.0/8, 2001:db8::/32" data-testid="token-ranges" />
          </Form.Item>
        </Form>
      </Modal>

      <Modal
        open={created !== null}
        title={t('tokens.createdTitle')}
        onCancel={() => setCreated(null)}
        footer={<Button type="primary" onClick={() => setCreated(null)} data-testid="token-secret-done">{t('tokens.secretDone')}</Button>}
        maskClosable={false}
        destroyOnClose
      >
        <Alert type="warning" showIcon message={t('tokens.secretWarning')} style={{ marginBottom: 12 }} />
        <Typography.Paragraph copyable={{ text: created?.secret ?? '', tooltips: [t('tokens.copy'), t('tokens.copied')] }} data-testid="token-secret">
          <code style={{ wordBreak: 'break-all' }}>{created?.secret}</code>
        </Typography.Paragraph>
      </Modal>

      <Modal open={usesOf !== null} title={t('tokens.usesOf', { name: usesOf?.name ?? '' })} footer={null} onCancel={() => setUsesOf(null)} width={720}>
        {usesOf && <Uses token={usesOf} />}
      </Modal>
    </div>
  );
}

function Uses({ token }: { token: ApiToken }) {
  const { t } = useI18n();
  const { data, loading, error } = useApi(tokenApi.uses(token.id));
  if (error) return <ErrorAlert error={error} />;
  return (
    <Table
      rowKey={(_, i) => String(i)}
      size="small"
      loading={loading}
      dataSource={data?.items ?? []}
      pagination={{ pageSize: 20 }}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: t('tokens.noUses') }}
      data-testid="token-uses-table"
      columns={[
        { title: t('tokens.useAt'), dataIndex: 'at', render: (d: string) => formatDateTime(d) },
        { title: t('tokens.useRequest'), key: 'req', render: (_: unknown, u: { method: string; path: string }) => <code>{u.method} {u.path}</code> },
        { title: t('tokens.useStatus'), dataIndex: 'status', render: (s: number) => <Tag color={s < 400 ? 'green' : 'red'}>{s}</Tag> },
        { title: 'IP', dataIndex: 'ip' },
      ]}
    />
  );
}
