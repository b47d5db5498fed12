// A dialog asking for a note or a reason (returning a plan, rejecting a closure, reopening, a
// follow-up's result); `required` refuses an empty one. onOk throws to keep the dialog open.
import { useState } from 'react';
import { Form, Input, Modal } from 'antd';
import { CW_NOTE_MAX } from '../../api/caseWork';
import { useI18n } from '../../i18n';
import { ErrorAlert } from '../../components/ResultPages';

export function NoteModal({
  title,
  label,
  required,
  onOk,
  onClose,
  testId,
}: {
  title: string;
  label: string;
  required: boolean;
  onOk: (note: string) => Promise<void>;
  onClose: () => void;
  testId: string;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ note?: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async (v: { note?: string }) => {
    setBusy(true);
    setError(null);
    try {
      await onOk((v.note ?? '').trim());
      onClose();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('caseWork.confirm')}
      cancelText={t('cases.cancel')}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': `${testId}-ok` }}
      width={480}
    >
      <ErrorAlert error={error} />
      <Form form={form} layout="vertical" onFinish={submit} data-testid={testId}>
        <Form.Item
          name="note"
          label={label}
          rules={required ? [{ required: true, whitespace: true, message: t('caseWork.noteRequired') }] : []}
        >
          <Input.TextArea rows={3} maxLength={CW_NOTE_MAX} showCount data-testid={`${testId}-note`} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
