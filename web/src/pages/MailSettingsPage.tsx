// /system/mail: the e-mail settings as the server runs with them (from its configuration; never
// the password), the outbox (queued, sent, failed, the latest mails with their errors) and the
// "Gửi thư thử" button. System administrators only (system.manage).
import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Form, Input, Space, Statistic, Table, Tag, Typography } from 'antd';
import { MailOutlined, ReloadOutlined } from '@ant-design/icons';
import { mailApi, type MailOutboxRow } from '../api/mail';
import { formatDateTime } from '../format';
import { useI18n } from '../i18n';
import { useApi } from '../useApi';
import { ErrorAlert } from '../components/ResultPages';
import { useIsPhone } from '../components/responsive';

const STATUS_COLORS: Record<string, string> = { queued: 'orange', sent: 'green', failed: 'red' };
const fmtNum = (n: number) => n.toLocaleString('vi-VN');

export default function MailSettingsPage() {
  const { t, errText } = useI18n();
  const { message } = App.useApp();
  const phone = useIsPhone();
  const { data, error, loading, reload } = useApi(mailApi.admin());
  const [to, setTo] = useState('');
  const [sending, setSending] = useState(false);
  const [sendError, setSendError] = useState<unknown>(null);

  const sendTest = async () => {
    setSending(true);
    setSendError(null);
    try {
      const r = await mailApi.sendTest(to.trim() || undefined);
      message.success(t('mail.testSent', { to: r.to }));
    } catch (e) {
      setSendError(e);
    } finally {
      setSending(false);
      reload();
    }
  };

  const s = data?.settings;
  const o = data?.outbox;
  // 30000 → "30 giây", 21600000 → "6 giờ"
  const ms = (v: number) => {
    const s = v / 1000;
    const n = (x: number) => (Math.round(x * 10) / 10).toLocaleString('vi-VN');
    if (s >= 3600 && s % 360 === 0) return t('mail.hours', { n: n(s / 3600) });
    if (s >= 60 && s % 6 === 0) return t('mail.minutes', { n: n(s / 60) });
    return t('mail.seconds', { n: n(s) });
  };

  const status = (r: MailOutboxRow) => (
    <Space direction="vertical" size={0}>
      <Tag color={STATUS_COLORS[r.status]}>{t(`mail.status.${r.status}`)}</Tag>
      {r.lastError ? <Typography.Text type="danger" style={{ fontSize: 12 }}>{r.lastError}</Typography.Text> : null}
    </Space>
  );

  return (
    <div data-testid="mail-settings-page">
      <Typography.Title level={3} className="lg-page-title">
        {t('mail.title')}
      </Typography.Title>
      {error ? <ErrorAlert error={error} onRetry={reload} /> : null}
      {s && !s.configured ? (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t('mail.notConfigured')} description={t('mail.notConfiguredHint')} data-testid="mail-not-configured" />
      ) : null}
      {s ? (
        <Card title={t('mail.settings')} size="small" style={{ marginBottom: 16 }}>
          <Descriptions column={phone ? 1 : 2} size="small" bordered={!phone} data-testid="mail-settings">
            <Descriptions.Item label={t('mail.host')}>{s.host ? `${s.host}:${s.port}` : '—'}</Descriptions.Item>
            <Descriptions.Item label={t('mail.security')}>
              {s.security === 'starttls' ? 'STARTTLS' : t('mail.securityNone')}
            </Descriptions.Item>
            <Descriptions.Item label={t('mail.from')}>{s.from || '—'}</Descriptions.Item>
            <Descriptions.Item label={t('mail.user')}>{s.user || t('mail.noAuth')}</Descriptions.Item>
            <Descriptions.Item label={t('mail.password')}>
              <span data-testid="mail-password-state">{s.passwordSet ? t('mail.passwordSet') : t('mail.passwordNotSet')}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('mail.timeouts')}>
              {ms(s.connectTimeoutMs)} / {ms(s.timeoutMs)}
            </Descriptions.Item>
            <Descriptions.Item label={t('mail.retries')}>
              {t('mail.retriesValue', { n: s.maxAttempts, first: ms(s.retryBaseMs), max: ms(s.retryMaxMs) })}
            </Descriptions.Item>
            <Descriptions.Item label={t('mail.link')}>{s.publicUrl || '—'}</Descriptions.Item>
          </Descriptions>
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
            {t('mail.settingsHint')}
          </Typography.Paragraph>
        </Card>
      ) : null}
      {s?.configured ? (
        <Card title={t('mail.test')} size="small" style={{ marginBottom: 16 }}>
          <Form layout={phone ? 'vertical' : 'inline'} onFinish={() => void sendTest()}>
            <Form.Item label={t('mail.testTo')} style={{ minWidth: 0, flex: phone ? undefined : '0 1 340px' }}>
              <Input
                value={to}
                onChange={(e) => setTo(e.target.value)}
                placeholder={t('mail.testToPlaceholder')}
                maxLength={254}
                data-testid="mail-test-to"
              />
            </Form.Item>
            <Form.Item>
              <Button type="primary" htmlType="submit" icon={<MailOutlined />} loading={sending} data-testid="mail-test-send">
                {t('mail.sendTest')}
              </Button>
            </Form.Item>
          </Form>
          {sendError ? (
            <Alert type="error" showIcon style={{ marginTop: 12 }} message={errText(sendError)} data-testid="mail-test-error" />
          ) : null}
        </Card>
      ) : null}
      {o ? (
        <Card
          title={t('mail.outbox')}
          size="small"
          extra={<Button icon={<ReloadOutlined />} onClick={reload} loading={loading}>{t('common.reload')}</Button>}
        >
          <Space wrap size={phone ? 16 : 48} style={{ marginBottom: 12 }} data-testid="mail-outbox-counts">
            <Statistic title={t('mail.status.queued')} value={fmtNum(o.queued)} />
            <Statistic title={t('mail.status.sent')} value={fmtNum(o.sent)} />
            <Statistic title={t('mail.status.failed')} value={fmtNum(o.failed)} />
            <Statistic title={t('mail.oldestQueued')} value={o.oldestQueuedAt ? formatDateTime(o.oldestQueuedAt) : '—'} />
          </Space>
          <Table<MailOutboxRow>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={o.recent}
            scroll={phone ? undefined : { x: true }}
            locale={{ emptyText: t('mail.outboxEmpty') }}
            data-testid="mail-outbox"
            columns={[
              { title: t('mail.col.created'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v), width: phone ? 110 : 150 },
              {
                title: t('mail.col.recipient'),
                dataIndex: 'recipient',
                ellipsis: !phone,
                // on a phone the status goes under the address (one column less, nothing off-screen)
                render: (v: string, r) =>
                  phone ? (
                    <Space direction="vertical" size={2} style={{ minWidth: 0 }}>
                      <span style={{ wordBreak: 'break-all' }}>{v}</span>
                      {status(r)}
                    </Space>
                  ) : (
                    v
                  ),
              },
              ...(phone
                ? []
                : [
                    { title: t('mail.col.subject'), dataIndex: 'subject', ellipsis: true },
                    { title: t('mail.col.status'), dataIndex: 'status', render: (_: string, r: MailOutboxRow) => status(r) },
                    { title: t('mail.col.attempts'), dataIndex: 'attempts', width: 110 },
                  ]),
            ]}
          />
        </Card>
      ) : null}
    </div>
  );
}
