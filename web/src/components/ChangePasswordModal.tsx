// POST /api/me/password. When the server demands a change (mustChangePassword) the modal
// cannot be dismissed.
import { useState } from 'react';
import { Alert, App, Form, Input, Modal } from 'antd';
import { sessionApi } from '../api/session';
import { useI18n } from '../i18n';
import { passwordRules } from './passwordRules';

interface Props {
  open: boolean;
  forced?: boolean;
  onClose: () => void;
  onChanged: () => void;
}

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

export function ChangePasswordModal({ open, forced, onClose, onChanged }: Props) {
  const { t, errText } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const submit = async (v: Values) => {
    setSaving(true);
    setError(null);
    try {
      await sessionApi.changePassword({ currentPassword: v.currentPassword, newPassword: v.newPassword });
      message.success(t('password.changed'));
      form.resetFields();
      onChanged();
      onClose();
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('header.changePassword')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={forced ? undefined : onClose}
      closable={!forced}
      maskClosable={!forced}
      keyboard={!forced}
      cancelButtonProps={forced ? { style: { display: 'none' } } : undefined}
      confirmLoading={saving}
      destroyOnHidden
      data-testid="change-password-modal"
    >
      {forced && <Alert type="warning" showIcon message={t('password.mustChange')} style={{ marginBottom: 16 }} />}
      {!!error && <Alert type="error" showIcon message={errText(error)} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onFinish={submit} preserve={false}>
        <Form.Item
          name="currentPassword"
          label={t('password.current')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <Input.Password autoComplete="current-password" data-testid="current-password" />
        </Form.Item>
        <Form.Item name="newPassword" label={t('password.new')} rules={passwordRules(t)} extra={t('password.rules')}>
          <Input.Password autoComplete="new-password" data-testid="new-password" />
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
          <Input.Password autoComplete="new-password" data-testid="confirm-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
