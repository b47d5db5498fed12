// POST /api/users/{id}/reset-password: sets a temporary password the user must change.
import { useState } from 'react';
import { Alert, App, Form, Input, Modal } from 'antd';
import type { User } from '../api/types';
import { useI18n } from '../i18n';
import { passwordRules } from '../components/passwordRules';
import { userApi } from '../api/users';

export function ResetPasswordModal({ user, onClose }: { user: User | null; onClose: () => void }) {
  const { t, errText } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ newPassword: string; confirm: string }>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const submit = async (v: { newPassword: string }) => {
    if (!user) return;
    setSaving(true);
    setError(null);
    try {
      await userApi.resetPassword(user.id, v.newPassword);
      message.success(t('users.resetDone'));
      onClose();
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={!!user}
      title={user ? t('users.resetTitle', { username: user.username }) : ''}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={() => {
        setError(null);
        onClose();
      }}
      confirmLoading={saving}
      destroyOnHidden
      data-testid="reset-password-modal"
    >
      {!!error && <Alert type="error" showIcon message={errText(error)} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onFinish={submit} preserve={false}>
        <Form.Item name="newPassword" label={t('password.new')} rules={passwordRules(t)} extra={t('password.rules')}>
          <Input.Password autoComplete="new-password" data-testid="reset-new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('password.confirm')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('common.required') },
            ({ getFieldValue }) => ({
              validator: (_, value) =>
                !value || value === getFieldValue('newPassword')
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('password.mismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="reset-confirm-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
