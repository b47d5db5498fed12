// "Trả lại": the approver's comment (required) sent back with the plan.
import { useEffect, useState } from 'react';
import { Form, Input, Modal } from 'antd';
import type { ButtonProps } from 'antd';
import { useI18n } from '../../i18n';

export function PlanReturnModal({
  open,
  busy,
  onCancel,
  onReturn,
}: {
  open: boolean;
  busy: boolean;
  onCancel: () => void;
  /** Sends the plan back with the trimmed comment; the modal closes when it settles. */
  onReturn: (comment: string) => Promise<void>;
}) {
  const { t } = useI18n();
  const [comment, setComment] = useState('');
  useEffect(() => {
    if (open) setComment('');
  }, [open]);
  return (
    <Modal
      open={open}
      title={t('plan.returnTitle')}
      okText={t('plan.return')}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger: true, disabled: !comment.trim(), 'data-testid': 'plan-return-ok' } as ButtonProps}
      confirmLoading={busy}
      onCancel={onCancel}
      onOk={() => onReturn(comment.trim())}
      destroyOnHidden
    >
      <Form layout="vertical">
        <Form.Item label={t('plan.returnComment')} required>
          <Input.TextArea
            rows={4}
            maxLength={4000}
            value={comment}
            onChange={(e) => setComment(e.target.value)}
            data-testid="plan-return-comment"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
