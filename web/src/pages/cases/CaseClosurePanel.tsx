// Closure and reopen of a record (issue 16 §5): the case worker asks for closure with a reason
// from the list (other: with a note); a supervisor who did not ask approves (the record is closed
// on that day) or rejects with a reason; a closed record is reopened with a reason. The record's
// status never changes otherwise (PUT answers 409 closure_required).
import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Modal, Select, Space, Typography } from 'antd';
import type { Case } from '../../api/cases';
import { caseWorkApi, CW_CLOSURE_REASONS, CW_NOTE_MAX, type CaseWork, type CwClosureReason } from '../../api/caseWork';
import { PERM } from '../../api/types';
import { formatDate } from '../../format';
import { useI18n } from '../../i18n';
import { useSession } from '../../session';
import { useApi } from '../../useApi';
import { ErrorAlert } from '../../components/ResultPages';
import { useCaseWorkLabels, useMayDecide } from './caseWorkShared';
import { NoteModal } from './NoteModal';

export default function CaseClosurePanel({ rec, onChanged }: { rec: Case; onChanged: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { can } = useSession();
  const l = useCaseWorkLabels();
  const mayDecide = useMayDecide();
  const { data, error, reload } = useApi(caseWorkApi.work(rec.id));
  const [dialog, setDialog] = useState<'request' | 'reject' | 'reopen' | null>(null);
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<unknown>(null);
  if (!data) return <ErrorAlert error={error} onRetry={reload} />;
  const request = data.closure.pending ? data.closure.events[0] : undefined;
  const changed = (w: CaseWork) => {
    reload();
    if (w.status !== rec.status) onChanged();
  };
  const approve = async () => {
    setBusy(true);
    setActionError(null);
    try {
      changed(await caseWorkApi.closureApprove(rec.id, ''));
      message.success(t('caseWork.closure.approved'));
    } catch (e) {
      setActionError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" title={t('caseWork.closure')} style={{ marginTop: 12 }} data-testid="cw-closure">
      <ErrorAlert error={actionError} />
      {data.status === 'closed' ? (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Alert type="info" showIcon message={t('caseWork.closure.closedOn', { date: formatDate(data.closedOn) })} data-testid="cw-closed" />
          {can(PERM.casesRecord) && (
            <Button onClick={() => setDialog('reopen')} data-testid="cw-reopen">
              {t('caseWork.closure.reopen')}
            </Button>
          )}
        </Space>
      ) : request ? (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Alert
            type="warning"
            showIcon
            data-testid="cw-closure-pending"
            message={t('caseWork.closure.pending', { reason: l.reason(request.reasonCode), by: request.by?.fullName ?? '—' })}
            description={request.note || undefined}
          />
          {mayDecide(request.by?.id) && (
            <Space wrap>
              <Button type="primary" loading={busy} onClick={approve} data-testid="cw-closure-approve">
                {t('caseWork.closure.approve')}
              </Button>
              <Button danger onClick={() => setDialog('reject')} data-testid="cw-closure-reject">
                {t('caseWork.closure.reject')}
              </Button>
            </Space>
          )}
        </Space>
      ) : (
        can(PERM.casesRecord) && (
          <Button onClick={() => setDialog('request')} data-testid="cw-closure-request">
            {t('caseWork.closure.request')}
          </Button>
        )
      )}
      {data.closure.events.length > 0 && (
        <div style={{ marginTop: 8 }}>
          {data.closure.events.slice(0, 5).map((e) => (
            <div key={e.id}>
              <Typography.Text type="secondary" style={{ overflowWrap: 'anywhere' }}>
                {formatDate(e.at.slice(0, 10))} · {l.closureKind(e.kind)}
                {e.reasonCode ? ` · ${l.reason(e.reasonCode)}` : ''} · {e.by?.fullName ?? '—'}
                {e.note ? ` — ${e.note}` : ''}
              </Typography.Text>
            </div>
          ))}
        </div>
      )}
      {dialog === 'request' && <RequestDialog rec={rec} onClose={() => setDialog(null)} onSaved={changed} />}
      {(dialog === 'reject' || dialog === 'reopen') && (
        <NoteModal
          title={dialog === 'reject' ? t('caseWork.closure.reject') : t('caseWork.closure.reopen')}
          label={t('caseWork.reason')}
          required
          testId={`cw-${dialog}-dialog`}
          onClose={() => setDialog(null)}
          onOk={async (note) => changed(dialog === 'reject' ? await caseWorkApi.closureReject(rec.id, note) : await caseWorkApi.reopen(rec.id, note))}
        />
      )}
    </Card>
  );
}

function RequestDialog({ rec, onClose, onSaved }: { rec: Case; onClose: () => void; onSaved: (w: CaseWork) => void }) {
  const { t } = useI18n();
  const l = useCaseWorkLabels();
  const [form] = Form.useForm<{ reasonCode?: CwClosureReason; note?: string }>();
  const reason = Form.useWatch('reasonCode', form);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const save = async (v: { reasonCode?: CwClosureReason; note?: string }) => {
    setBusy(true);
    setError(null);
    try {
      onSaved(await caseWorkApi.closureRequest(rec.id, { reasonCode: v.reasonCode, note: v.note?.trim() || undefined }));
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
      title={t('caseWork.closure.request')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('caseWork.confirm')}
      cancelText={t('cases.cancel')}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'cw-closure-request-ok' }}
    >
      <ErrorAlert error={error} />
      <Form form={form} layout="vertical" onFinish={save} data-testid="cw-closure-request-form">
        <Form.Item name="reasonCode" label={t('caseWork.reason')} rules={[{ required: true, message: t('caseWork.reason') }]}>
          <Select options={CW_CLOSURE_REASONS.map((r) => ({ value: r, label: l.reason(r) }))} data-testid="cw-closure-reason" />
        </Form.Item>
        <Form.Item
          name="note"
          label={t('caseWork.note')}
          rules={reason === 'other' ? [{ required: true, whitespace: true, message: t('caseWork.noteRequired') }] : []}
        >
          <Input.TextArea rows={3} maxLength={CW_NOTE_MAX} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
