// Pieces of the task screens: the status tag with the red "Quá hạn" marker, the deadline text,
// and the progress-update modal (note, status, optional evidence file).
import { useEffect, useState } from 'react';
import { Alert, App, Form, Input, Modal, Select, Space, Tag, Timeline, Typography } from 'antd';
import type { Task, TaskStatusCode } from '../api/types';
import { formatDate, formatDateTime, todayIso } from '../format';
import { isMessageKey, useI18n } from '../i18n';
import { useApi } from '../useApi';
import { taskApi } from '../api/directives';
import { FileUpload } from '../components/FileUpload';
import { isOverdue, TASK_STATUSES } from '../workflow';
import { ExtensionHistory } from './directives/DirectiveForms';

const STATUS_COLOR: Record<string, string> = { not_started: 'default', in_progress: 'processing', done: 'success' };

export function OverdueMark({ task }: { task: Task }) {
  const { t } = useI18n();
  if (!isOverdue(task, todayIso())) return null;
  return (
    <Tag color="red" data-testid="task-overdue">
      {t('task.overdue')}
      {task.daysOverdue ? ` · ${t('task.daysLate', { n: task.daysOverdue })}` : ''}
    </Tag>
  );
}

export function TaskStatusTag({ task }: { task: Task }) {
  const { t } = useI18n();
  return (
    <Space size={4} wrap>
      <Tag color={STATUS_COLOR[task.status] ?? 'default'}>{t(`task.status.${task.status}` as 'task.status.done')}</Tag>
      <OverdueMark task={task} />
    </Space>
  );
}

/** "31/12/2026", or "6 tháng một lần, hạn ngày 06-15, 12-15" for a recurring task. */
export function useDeadlineText() {
  const { t } = useI18n();
  return (task: Task) => {
    const dl = task.deadline;
    if (dl?.recurrence && dl.recurrence !== 'none') {
      const key = `task.recurrence.${dl.recurrence}`;
      const kind = isMessageKey(key) ? t(key) : dl.recurrence;
      const days = (dl.dueDays ?? [])
        .map((d) => (/^\d{2}-\d{2}$/.test(d) ? `${d.slice(3)}/${d.slice(0, 2)}` : d))
        .join(', ');
      return t('task.recurrenceLine', { kind, days });
    }
    return dl?.dueDate ? formatDate(dl.dueDate) : t('task.noDeadline');
  };
}

interface Values {
  status: TaskStatusCode;
  note: string;
}

export function TaskUpdateModal({ task, onClose, onSaved }: { task: Task | null; onClose: () => void; onSaved: () => void }) {
  const { t, errText } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const detail = useApi(task ? taskApi.one(task.id) : null);

  useEffect(() => {
    if (task) {
      form.setFieldsValue({ status: task.status === 'not_started' ? 'in_progress' : task.status, note: '' });
      setFile(null);
      setError(null);
      setProblem(null);
    }
  }, [task, form]);

  const submit = async (v: Values) => {
    if (!task) return;
    setSaving(true);
    setError(null);
    try {
      const fields = { status: v.status, note: v.note.trim(), date: todayIso(), version: task.version };
      if (file) setProgress(0);
      await taskApi.progress(task.id, fields, file, setProgress);
      message.success(t('task.updated'));
      onSaved();
      onClose();
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
      setProgress(null);
    }
  };

  return (
    <Modal
      open={!!task}
      title={task ? t('task.updateTitle', { task: `${task.code} ${task.title}`.trim() }) : ''}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'task-update-ok' }}
      width={620}
      destroyOnHidden
    >
      {!!error && <Alert type="error" showIcon style={{ marginBottom: 12 }} message={errText(error)} data-testid="task-update-error" />}
      {problem && <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={problem} closable onClose={() => setProblem(null)} />}
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="status" label={t('task.status')} rules={[{ required: true, message: t('common.required') }]}>
          <Select
            options={TASK_STATUSES.map((s) => ({ value: s, label: t(`task.status.${s}` as 'task.status.done') }))}
            data-testid="task-update-status"
          />
        </Form.Item>
        <Form.Item name="note" label={t('task.note')} rules={[{ required: true, whitespace: true, message: t('common.required') }, { max: 4000 }]}>
          <Input.TextArea rows={3} data-testid="task-update-note" />
        </Form.Item>
        <Form.Item label={t('task.evidence')} extra={t('task.evidenceHint')}>
          <FileUpload
            label={t('task.evidence')}
            picked={file}
            progress={progress}
            onPick={(f) => {
              setProblem(null);
              setFile(f);
            }}
            onProblem={setProblem}
            data-testid="task-update-file"
          />
        </Form.Item>
      </Form>
      {!!detail.data?.extensions?.length && <ExtensionHistory items={detail.data.extensions} />}
      <Typography.Title level={5}>{t('task.progress')}</Typography.Title>
      {(detail.data?.updates ?? []).length === 0 ? (
        <Typography.Text type="secondary">{t('task.noProgress')}</Typography.Text>
      ) : (
        <Timeline
          items={(detail.data?.updates ?? []).map((u) => ({
            key: String(u.id),
            children: (
              <div>
                <strong>{formatDate(u.date)}</strong> · {t(`task.status.${u.status}` as 'task.status.done')} · {u.username}
                <div style={{ whiteSpace: 'pre-wrap' }}>{u.note}</div>
                {u.evidence && <a href={u.evidence.url}>{u.evidence.filename}</a>}
                <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
                  {formatDateTime(u.createdAt)}
                </Typography.Text>
              </div>
            ),
          }))}
        />
      )}
    </Modal>
  );
}
