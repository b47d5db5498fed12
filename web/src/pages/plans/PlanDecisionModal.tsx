// "Phê duyệt" and "Sửa quyết định": the approval decision of a plan — approving body, decision
// number and date (dd/mm/yyyy, not after today, not before the submission) — asked when the
// approver approves, and corrected later. The server judges it again; its faults land on the fields.
import { useEffect, useState } from 'react';
import { Alert, DatePicker, Form, Input, Modal, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { ApiError } from '../../api/api';
import type { DecisionInput } from '../../api/plans';
import type { Plan } from '../../api/types';
import { DATE_FORMAT, dayjsToIso, isoToDayjs } from '../../components/dates';
import { formatDate } from '../../format';
import { useI18n } from '../../i18n';

interface DecisionValues {
  decisionBody?: string;
  decisionNumber?: string;
  decisionDate?: Dayjs | null;
  comment?: string;
}

/** The approving body a plan of this unit is usually approved by ("UBND tỉnh Gia Lai"). */
function defaultBody(plan: Plan): string {
  const u = plan.orgUnit;
  if (!u) return '';
  const kind = (u as { kind?: string }).kind;
  if (kind === 'province') return `UBND tỉnh ${u.name}`;
  return '';
}

export function PlanDecisionModal({
  open,
  mode,
  plan,
  submittedOn,
  busy,
  onCancel,
  onSave,
}: {
  open: boolean;
  mode: 'approve' | 'correct';
  plan: Plan;
  /** The day the plan was last submitted (YYYY-MM-DD), when known: the earliest decision date. */
  submittedOn: string | null;
  busy: boolean;
  onCancel: () => void;
  /** Sends the decision; rejects with the server's error (shown on its field). */
  onSave: (d: DecisionInput) => Promise<void>;
}) {
  const { t, lang, errText } = useI18n();
  const [form] = Form.useForm<DecisionValues>();
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (!open) return;
    setError(null);
    const d = plan.decision;
    form.resetFields();
    form.setFieldsValue({
      decisionBody: d?.body ?? defaultBody(plan),
      decisionNumber: d?.number ?? '',
      decisionDate: isoToDayjs(d?.date ?? null) ?? (mode === 'approve' ? dayjs() : null),
      comment: '',
    });
  }, [open, plan, mode, form]);

  const ok = async () => {
    setError(null);
    let v: DecisionValues;
    try {
      v = await form.validateFields();
    } catch {
      return; // the fields show what is wrong; the dialog stays open
    }
    try {
      await onSave({
        decisionBody: (v.decisionBody ?? '').trim(),
        decisionNumber: (v.decisionNumber ?? '').trim(),
        decisionDate: dayjsToIso(v.decisionDate) ?? '',
        ...(mode === 'approve' && v.comment?.trim() ? { comment: v.comment.trim() } : {}),
      });
    } catch (e) {
      setError(e);
      if (e instanceof ApiError) {
        const issues = e.details.length ? e.details : e.field ? [{ field: e.field, message: e.messageVi, messageEn: e.messageEn }] : [];
        form.setFields(
          issues
            .filter((i) => ['decisionBody', 'decisionNumber', 'decisionDate'].includes(i.field))
            .map((i) => ({ name: i.field as keyof DecisionValues, errors: [lang === 'en' ? i.messageEn : i.message] })),
        );
      }
    }
  };

  const earliest = submittedOn ? dayjs(submittedOn) : null;
  return (
    <Modal
      open={open}
      title={t(mode === 'approve' ? 'plan.decision.approveTitle' : 'plan.decision.editTitle')}
      okText={t(mode === 'approve' ? 'plan.approve' : 'common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ 'data-testid': 'plan-decision-ok' } as ButtonProps}
      confirmLoading={busy}
      onCancel={onCancel}
      onOk={() => void ok()}
      destroyOnHidden
      width={520}
      style={{ maxWidth: 'calc(100vw - 16px)' }}
    >
      {mode === 'approve' && (
        <Typography.Paragraph type="secondary">{t('plan.decision.approveIntro')}</Typography.Paragraph>
      )}
      {!!error && !(error instanceof ApiError && error.field?.startsWith('decision')) && (
        <Alert type="error" showIcon style={{ marginBottom: 12 }} message={errText(error)} data-testid="plan-decision-error" />
      )}
      <Form<DecisionValues>
        form={form}
        layout="vertical"
        data-testid="plan-decision-form"
        onKeyDown={(e) => {
          // Enter picks a date or moves on; it never sends the dialog half-filled
          if (e.key === 'Enter' && (e.target as HTMLElement).tagName === 'INPUT') e.preventDefault();
        }}
      >
        <Form.Item
          name="decisionBody"
          label={t('plan.decision.body')}
          rules={[{ required: true, whitespace: true, message: t('common.required') }, { max: 255 }]}
        >
          <Input placeholder={t('plan.decision.bodyHint')} maxLength={255} data-testid="plan-decision-body" />
        </Form.Item>
        <Form.Item
          name="decisionNumber"
          label={t('plan.decision.number')}
          rules={[
            { required: true, whitespace: true, message: t('common.required') },
            { max: 64, message: t('plan.decision.numberMax') },
          ]}
        >
          <Input placeholder={t('plan.decision.numberHint')} data-testid="plan-decision-number" />
        </Form.Item>
        <Form.Item
          name="decisionDate"
          label={t('plan.decision.date')}
          rules={[
            { required: true, message: t('common.required') },
            {
              validator: async (_r, v: Dayjs | null | undefined) => {
                if (!v) return;
                if (v.isAfter(dayjs(), 'day')) throw new Error(t('plan.decision.dateFuture'));
                if (earliest && v.isBefore(earliest, 'day'))
                  throw new Error(t('plan.decision.dateBeforeSubmit', { date: formatDate(submittedOn ?? '') }));
              },
            },
          ]}
        >
          <DatePicker
            format={DATE_FORMAT}
            placeholder={t('common.datePlaceholder')}
            style={{ width: '100%', maxWidth: 220 }}
            inputReadOnly={false}
            disabledDate={(d) => d.isAfter(dayjs(), 'day') || (!!earliest && d.isBefore(earliest, 'day'))}
            data-testid="plan-decision-date"
          />
        </Form.Item>
        {mode === 'approve' && (
          <Form.Item name="comment" label={t('plan.decision.comment')} style={{ marginBottom: 0 }}>
            <Input.TextArea rows={2} maxLength={4000} data-testid="plan-decision-comment" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
