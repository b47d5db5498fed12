// The user's own e-mail preference (GET/PUT /api/me/mail): receive the notifications by e-mail or
// not, and in which language. Says plainly when the system sends no e-mail (no SMTP configured)
// or the account has no address (the administrator sets it).
import { useEffect, useState } from 'react';
import { Alert, App, Form, Modal, Radio, Switch, Typography } from 'antd';
import { mailApi } from '../api/mail';
import { useI18n } from '../i18n';
import { useApi } from '../useApi';
import { ErrorAlert } from './ResultPages';

export function MailPreferenceModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { data, error, loading } = useApi(open ? mailApi.mine() : null);
  const [on, setOn] = useState(true);
  const [language, setLanguage] = useState<'vi' | 'en'>('vi');
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<unknown>(null);
  useEffect(() => {
    if (data) {
      setOn(data.emailNotifications);
      setLanguage(data.language);
    }
  }, [data]);

  const save = async () => {
    setSaving(true);
    setSaveError(null);
    try {
      await mailApi.saveMine({ emailNotifications: on, language });
      message.success(t('mailPref.saved'));
      onClose();
    } catch (e) {
      setSaveError(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('mailPref.title')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => void save()}
      onCancel={onClose}
      confirmLoading={saving}
      okButtonProps={{ disabled: !data, id: 'mail-pref-save' }}
      destroyOnHidden
      data-testid="mail-pref-modal"
    >
      {error ? <ErrorAlert error={error} /> : null}
      {saveError ? <ErrorAlert error={saveError} /> : null}
      {data && !data.mailConfigured ? (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('mailPref.notConfigured')} data-testid="mail-pref-off" />
      ) : null}
      {data && !data.email ? (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={t('mailPref.noAddress')} />
      ) : null}
      {data || loading ? (
        <Form layout="vertical">
          <Form.Item label={t('mailPref.address')}>
            <Typography.Text data-testid="mail-pref-address">{data?.email || '—'}</Typography.Text>
          </Form.Item>
          <Form.Item label={t('mailPref.receive')}>
            <Switch checked={on} onChange={setOn} data-testid="mail-pref-switch" />
          </Form.Item>
          <Form.Item label={t('mailPref.language')}>
            <Radio.Group
              value={language}
              onChange={(e) => setLanguage(e.target.value as 'vi' | 'en')}
              options={[
                { value: 'vi', label: 'Tiếng Việt' },
                { value: 'en', label: 'English' },
              ]}
            />
          </Form.Item>
        </Form>
      ) : null}
    </Modal>
  );
}
