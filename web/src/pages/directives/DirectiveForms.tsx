// Directives and tasks edited from the screen (issue 15): the directive form (a drawer, one column
// on a phone), the task form (one-off due date or a recurrence), the deadline extension with its
// reason, and the agency picker that finds agencies by name without diacritics (never by code).
import { useEffect, useMemo, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Col,
  DatePicker,
  Drawer,
  Form,
  Input,
  Modal,
  Radio,
  Row,
  Select,
  Space,
  Table,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import type { AgencyRef, DirectiveDetail, OrgUnitRef, Task, TaskDetail } from '../../api/types';
import { directiveApi, taskApi, type DirectiveInput, type TaskInput } from '../../api/directives';
import { agencyApi } from '../../api/orgUnits';
import { formatDate, formatDateTime, todayIso } from '../../format';
import { localName, useI18n } from '../../i18n';
import { useDirectiveKinds } from '../../reference';
import { useSession } from '../../session';
import { useApi } from '../../useApi';
import { fold } from '../../reports';
import { DATE_FORMAT, dayjsToIso, isoToDayjs } from '../../components/dates';
import { OrgUnitSelect } from '../../components/OrgUnitSelect';
import { FileUpload } from '../../components/FileUpload';
import { useIsPhone } from '../../components/responsive';

type Id = string | number;

/** Diacritics- and case-insensitive match of what was typed against an option's label. */
export const foldFilter = (input: string, option?: { label?: unknown }) =>
  fold(String(option?.label ?? '')).includes(fold(input.trim()));

/** One or several agencies of a unit's subtree, shown and searched by name. */
export function AgencyNamePicker({
  orgUnitCode,
  multiple,
  value,
  onChange,
  known,
  exclude,
  placeholder,
  ...rest
}: {
  orgUnitCode?: string | null;
  multiple?: boolean;
  value?: Id | Id[] | null;
  onChange?: (v: Id | Id[] | null) => void;
  known?: (AgencyRef | null | undefined)[];
  exclude?: Id | null;
  placeholder?: string;
  'data-testid'?: string;
}) {
  const { t } = useI18n();
  const { data, loading } = useApi(
    orgUnitCode ? agencyApi.list({ orgUnit: orgUnitCode, asOf: todayIso(), pageSize: 500, sort: 'name' }) : null,
  );
  const options = useMemo(() => {
    const list = (data?.items ?? []).map((a) => ({ value: a.id as Id, label: a.name }));
    for (const k of known ?? [])
      if (k && !list.some((o) => String(o.value) === String(k.id))) list.push({ value: k.id, label: k.name });
    return list.filter((o) => exclude == null || String(o.value) !== String(exclude));
  }, [data, known, exclude]);
  return (
    <Select
      allowClear
      showSearch
      mode={multiple ? 'multiple' : undefined}
      filterOption={foldFilter}
      loading={loading}
      placeholder={placeholder ?? t('task.chooseAgency')}
      value={value ?? undefined}
      onChange={(v) => onChange?.((v as Id | Id[] | undefined) ?? (multiple ? [] : null))}
      options={options}
      style={{ width: '100%' }}
      data-testid={rest['data-testid']}
    />
  );
}

/** The directive a new one implements: searched on the server (which folds diacritics). */
function DirectivePicker({ value, onChange, initial, exclude, testId }: {
  value?: Id | null;
  onChange?: (v: Id | null) => void;
  initial?: { id: Id; number: string; subject?: string } | null;
  exclude?: Id | null;
  testId?: string;
}) {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const { data, loading } = useApi(directiveApi.list({ q: q || undefined, pageSize: 20 }));
  const options = useMemo(() => {
    const list = (data?.items ?? [])
      .filter((d) => exclude == null || String(d.id) !== String(exclude))
      .map((d) => ({ value: d.id as Id, label: `${d.number} — ${d.subject}` }));
    if (initial && !list.some((o) => String(o.value) === String(initial.id)))
      list.unshift({ value: initial.id, label: `${initial.number}${initial.subject ? ` — ${initial.subject}` : ''}` });
    return list;
  }, [data, initial, exclude]);
  return (
    <Select
      allowClear
      showSearch
      filterOption={false}
      onSearch={setQ}
      loading={loading}
      placeholder={t('dirForm.implementsPlaceholder')}
      value={value ?? undefined}
      onChange={(v) => onChange?.((v as Id | undefined) ?? null)}
      options={options}
      style={{ width: '100%' }}
      data-testid={testId ?? 'dir-form-implements'}
    />
  );
}

interface DirectiveValues {
  kind: string;
  number: string;
  subject: string;
  issueDate: Dayjs | null;
  orgUnitCode: string;
  issuingAgencyId?: Id | null;
  recipientAgencyIds?: Id[];
  implementsId?: Id | null;
}

/** Creates (directive null) or edits a directive; files picked are uploaded once it is saved. */
export function DirectiveFormDrawer({
  open,
  directive,
  defaults,
  planId,
  extra,
  beforeSave,
  onClose,
  onSaved,
}: {
  open: boolean;
  directive?: DirectiveDetail | null;
  defaults?: Partial<DirectiveInput>;
  planId?: Id | null;
  /** Something more to fill before saving (the coordination plan's tasks). */
  extra?: React.ReactNode;
  /** Checks run before anything is sent (throws to stop). */
  beforeSave?: () => Promise<void>;
  onClose: () => void;
  /** Called with the saved directive; may do more (create tasks) before the drawer closes. */
  onSaved: (d: DirectiveDetail) => Promise<void> | void;
}) {
  const { t, lang, errText } = useI18n();
  const { me } = useSession();
  const { message } = App.useApp();
  const phone = useIsPhone();
  const kinds = useDirectiveKinds();
  const [form] = Form.useForm<DirectiveValues>();
  const [files, setFiles] = useState<File[]>([]);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const unit = Form.useWatch('orgUnitCode', form);

  useEffect(() => {
    if (!open) return;
    setFiles([]);
    setError(null);
    if (directive) {
      form.setFieldsValue({
        kind: directive.kind,
        number: directive.number,
        subject: directive.subject,
        issueDate: isoToDayjs(directive.issueDate),
        orgUnitCode: directive.orgUnit?.code ?? '',
        issuingAgencyId: directive.issuingAgency?.id ?? null,
        recipientAgencyIds: (directive.recipients?.agencies ?? []).map((a) => a.id),
        implementsId: directive.implements?.id ?? null,
      });
    } else {
      form.resetFields();
      form.setFieldsValue({
        kind: defaults?.kind ?? 'ke_hoach',
        number: defaults?.number ?? '',
        subject: defaults?.subject ?? '',
        issueDate: isoToDayjs(defaults?.issueDate ?? todayIso()),
        orgUnitCode: defaults?.orgUnitCode ?? me?.orgUnit?.code ?? '',
        issuingAgencyId: null,
        recipientAgencyIds: defaults?.recipientAgencyIds ?? [],
        implementsId: null,
      });
    }
  }, [open, directive, defaults, form, me]);

  const submit = async (v: DirectiveValues) => {
    try {
      await beforeSave?.();
    } catch {
      return;  // the extra part shows what is missing
    }
    setSaving(true);
    setError(null);
    try {
      const body: DirectiveInput = {
        kind: v.kind,
        number: v.number.trim(),
        subject: v.subject.trim(),
        issueDate: dayjsToIso(v.issueDate) ?? '',
        orgUnitCode: v.orgUnitCode,
        issuingAgencyId: v.issuingAgencyId ?? null,
        recipientAgencyIds: v.recipientAgencyIds ?? [],
        recipientLines: directive?.recipients?.lines ?? [],
        implementsId: v.implementsId ?? null,
        planId: directive ? (directive.plan?.id ?? null) : (planId ?? null),
      };
      const saved = directive
        ? await directiveApi.update(directive.id, { ...body, version: directive.version })
        : await directiveApi.create(body);
      for (const f of files) await directiveApi.attach(saved.id, f);
      await onSaved(saved);
      message.success(t('dirForm.saved', { number: saved.number }));
      onClose();
    } catch (e) {
      setError(e);
      message.error(errText(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      width={phone ? '100%' : 760}
      title={directive ? t('dirForm.editTitle', { number: directive.number }) : t('dirForm.createTitle')}
      destroyOnHidden
      data-testid="directive-form"
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={saving} onClick={() => form.submit()} data-testid="dir-form-save">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      {!!error && <Alert type="error" showIcon style={{ marginBottom: 12 }} message={errText(error)} data-testid="dir-form-error" />}
      <Form form={form} layout="vertical" onFinish={submit}>
        <Row gutter={12}>
          <Col xs={24} md={10}>
            <Form.Item name="kind" label={t('directive.kind')} rules={[{ required: true, message: t('common.required') }]}>
              <Select
                options={kinds.map((k) => ({ value: k.code, label: localName(k, lang, k.code) }))}
                data-testid="dir-form-kind"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={7}>
            <Form.Item name="number" label={t('directive.number')} rules={[{ required: true, whitespace: true, message: t('common.required') }, { max: 100 }]}>
              <Input placeholder="45/KH-UBND" data-testid="dir-form-number" />
            </Form.Item>
          </Col>
          <Col xs={24} md={7}>
            <Form.Item name="issueDate" label={t('directive.issuedOn')} rules={[{ required: true, message: t('common.required') }]}>
              <DatePicker format={DATE_FORMAT} placeholder={t('common.datePlaceholder')} style={{ width: '100%' }} data-testid="dir-form-date" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="subject" label={t('dirForm.subject')} rules={[{ required: true, whitespace: true, message: t('common.required') }, { max: 1000 }]}>
          <Input.TextArea rows={3} data-testid="dir-form-subject" />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item name="orgUnitCode" label={t('dirForm.issuingUnit')} rules={[{ required: true, message: t('common.required') }]}>
              <OrgUnitSelect initial={directive?.orgUnit ?? (me?.orgUnit as OrgUnitRef | undefined) ?? null} data-testid="dir-form-unit" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="issuingAgencyId" label={t('directive.issuer')}>
              <AgencyNamePicker orgUnitCode={unit} known={[directive?.issuingAgency]} placeholder={t('dirForm.issuerPlaceholder')} data-testid="dir-form-issuer" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="recipientAgencyIds" label={t('directive.recipients')}>
          <AgencyNamePicker multiple orgUnitCode={unit} known={directive?.recipients?.agencies ?? []} data-testid="dir-form-recipients" />
        </Form.Item>
        <Form.Item name="implementsId" label={t('directive.implements')}>
          <DirectivePicker initial={directive?.implements ?? null} exclude={directive?.id ?? null} />
        </Form.Item>
        <Form.Item label={t('directive.attachments')}>
          <FileUpload
            label={t('common.upload')}
            onPick={(f) => setFiles((x) => [...x, f])}
            onProblem={(s) => message.error(s)}
            data-testid="dir-form-file"
          />
          {files.map((f, i) => (
            <div key={i}>
              <Typography.Text>{f.name}</Typography.Text>{' '}
              <a onClick={() => setFiles((x) => x.filter((_, j) => j !== i))}>{t('common.delete')}</a>
            </div>
          ))}
        </Form.Item>
      </Form>
      {extra}
    </Drawer>
  );
}

/** A task's fields as the forms hold them (dates as dayjs). */
export interface TaskDraft {
  code: string;
  title: string;
  description?: string;
  leadAgencyId?: Id | null;
  coAgencyIds?: Id[];
  orgUnitCode?: string;
  mode: 'once' | 'recurring';
  dueDate?: Dayjs | null;
  recurrence?: string;
  dueDays?: string;
  startsOn?: Dayjs | null;
  endsOn?: Dayjs | null;
  status?: string;
}

export const RECURRENCES = ['monthly', 'quarterly', 'semiannual', 'annual'] as const;

/** The API body of a draft. Due days are typed "15/06, 15/12" (monthly "25") and sent "06-15". */
export function taskBody(v: TaskDraft): TaskInput {
  const days = (v.dueDays ?? '')
    .split(/[,;\s]+/)
    .filter(Boolean)
    .map((d) => {
      const m = /^(\d{1,2})[/.-](\d{1,2})$/.exec(d);
      return m ? `${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}` : d.padStart(2, '0');
    });
  const once = v.mode !== 'recurring';
  return {
    code: v.code.trim(),
    title: v.title.trim(),
    description: (v.description ?? '').trim(),
    leadAgencyId: v.leadAgencyId ?? 0,
    coAgencyIds: v.coAgencyIds ?? [],
    orgUnitCode: v.orgUnitCode || undefined,
    dueDate: once ? (dayjsToIso(v.dueDate) ?? null) : null,
    recurrence: once ? 'none' : v.recurrence,
    dueDays: once ? [] : days,
    startsOn: once ? null : (dayjsToIso(v.startsOn) ?? null),
    endsOn: once ? null : (dayjsToIso(v.endsOn) ?? null),
    status: v.status,
  };
}

function draftOf(task: Task): TaskDraft {
  const dl = task.deadline;
  const rec = dl?.recurrence && dl.recurrence !== 'none';
  return {
    code: task.code,
    title: task.title,
    description: task.description ?? '',
    leadAgencyId: task.leadAgency?.id ?? null,
    coAgencyIds: (task.coAgencies ?? []).map((a) => a.id),
    orgUnitCode: task.orgUnit?.code,
    mode: rec ? 'recurring' : 'once',
    dueDate: isoToDayjs(dl?.dueDate),
    recurrence: rec ? dl.recurrence : 'quarterly',
    dueDays: (dl?.dueDays ?? []).map((d) => (/^\d{2}-\d{2}$/.test(d) ? `${d.slice(3)}/${d.slice(0, 2)}` : d)).join(', '),
    startsOn: isoToDayjs(dl?.startsOn),
    endsOn: isoToDayjs(dl?.endsOn),
    status: task.status,
  };
}

/** The fields of one task, inside a Form of TaskDraft. */
export function TaskFields({
  unitCode,
  known,
  editing,
  unitInitial,
  lockDue,
}: {
  unitCode?: string | null;
  known?: AgencyRef[];
  editing?: boolean;
  unitInitial?: OrgUnitRef | null;
  /** A one-off deadline already set is moved later by an extension with a reason, not here. */
  lockDue?: boolean;
}) {
  const { t } = useI18n();
  const form = Form.useFormInstance<TaskDraft>();
  const mode = Form.useWatch('mode', form);
  const lead = Form.useWatch('leadAgencyId', form);
  return (
    <>
      <Row gutter={12}>
        <Col xs={24} md={6}>
          <Form.Item name="code" label={t('taskForm.code')} rules={[{ required: true, whitespace: true, message: t('common.required') }, { max: 32 }]}>
            <Input placeholder="1" data-testid="task-form-code" />
          </Form.Item>
        </Col>
        <Col xs={24} md={18}>
          <Form.Item name="title" label={t('task.content')} rules={[{ required: true, whitespace: true, message: t('common.required') }, { max: 255 }]}>
            <Input data-testid="task-form-title" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="description" label={t('taskForm.description')} rules={[{ max: 4000 }]}>
        <Input.TextArea rows={2} data-testid="task-form-description" />
      </Form.Item>
      <Row gutter={12}>
        <Col xs={24} md={12}>
          <Form.Item name="leadAgencyId" label={t('task.lead')} rules={[{ required: true, message: t('common.required') }]}>
            <AgencyNamePicker orgUnitCode={unitCode} known={known} data-testid="task-form-lead" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="coAgencyIds" label={t('task.partners')}>
            <AgencyNamePicker multiple orgUnitCode={unitCode} known={known} exclude={lead} data-testid="task-form-partners" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="orgUnitCode" label={t('taskForm.orgUnit')} extra={t('taskForm.orgUnitHint')}>
        <OrgUnitSelect allowClear initial={unitInitial ?? null} data-testid="task-form-unit" />
      </Form.Item>
      <Form.Item name="mode" label={t('task.deadline')}>
        <Radio.Group
          options={[
            { value: 'once', label: t('taskForm.once') },
            { value: 'recurring', label: t('task.recurrence') },
          ]}
          data-testid="task-form-mode"
        />
      </Form.Item>
      {mode === 'recurring' ? (
        <Row gutter={12}>
          <Col xs={24} md={8}>
            <Form.Item name="recurrence" label={t('taskForm.every')} rules={[{ required: true, message: t('common.required') }]}>
              <Select
                options={RECURRENCES.map((r) => ({ value: r, label: t(`task.recurrence.${r}` as 'task.recurrence.monthly') }))}
                data-testid="task-form-recurrence"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item name="dueDays" label={t('taskForm.dueDays')} extra={t('taskForm.dueDaysHint')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
              <Input placeholder="15/06, 15/12" data-testid="task-form-duedays" />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="startsOn" label={t('taskForm.startsOn')}>
              <DatePicker format={DATE_FORMAT} placeholder={t('common.datePlaceholder')} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="endsOn" label={t('taskForm.endsOn')}>
              <DatePicker format={DATE_FORMAT} placeholder={t('common.datePlaceholder')} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
      ) : (
        <Form.Item name="dueDate" label={t('taskForm.dueDate')} extra={lockDue ? t('taskForm.dueLocked') : undefined}>
          <DatePicker
            format={DATE_FORMAT}
            placeholder={t('common.datePlaceholder')}
            style={{ width: '100%', maxWidth: 240 }}
            disabled={lockDue}
            data-testid="task-form-due"
          />
        </Form.Item>
      )}
      {editing && (
        <Form.Item name="status" label={t('task.status')}>
          <Select
            options={['not_started', 'in_progress', 'done'].map((s) => ({ value: s, label: t(`task.status.${s}` as 'task.status.done') }))}
          />
        </Form.Item>
      )}
    </>
  );
}

/** Creates a task on a directive (task null) or edits one; without a directive, one is chosen first. */
export function TaskFormModal({
  open,
  directive: given,
  task,
  onClose,
  onSaved,
}: {
  open: boolean;
  directive: { id: Id; number: string; orgUnit?: OrgUnitRef | null } | null;
  task?: Task | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t, errText } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<TaskDraft>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [chosenId, setChosenId] = useState<Id | null>(null);
  const chosen = useApi(!given && chosenId != null ? directiveApi.one(chosenId) : null);
  const directive = given ?? (chosen.data ?? null);
  useEffect(() => {
    if (!open) return;
    setError(null);
    setChosenId(null);
    form.resetFields();
    form.setFieldsValue(task ? draftOf(task) : { mode: 'once', recurrence: 'quarterly', code: '', title: '' });
  }, [open, task, form]);

  const submit = async (v: TaskDraft) => {
    if (!directive) {
      setError(new Error(t('taskForm.pickDirectiveHint')));
      return;
    }
    setSaving(true);
    setError(null);
    try {
      const body = taskBody(v);
      if (task) await taskApi.update(task.id, { ...body, version: task.version });
      else await taskApi.create({ ...body, directiveId: directive.id });
      message.success(t('taskForm.saved'));
      onSaved();
      onClose();
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  };

  const known = task ? [task.leadAgency, ...(task.coAgencies ?? [])].filter(Boolean) as AgencyRef[] : [];
  return (
    <Modal
      open={open}
      title={task ? t('taskForm.editTitle', { code: task.code }) : t('taskForm.createTitle', { number: directive?.number ?? '' })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'task-form-save' } }
      width={720}
      destroyOnHidden
      data-testid="task-form"
    >
      {!!error && <Alert type="error" showIcon style={{ marginBottom: 12 }} message={errText(error)} data-testid="task-form-error" />}
      {!given && (
        <Form layout="vertical">
          <Form.Item label={t('taskForm.pickDirective')} extra={t('taskForm.pickDirectiveHint')} required>
            <DirectivePicker value={chosenId} onChange={setChosenId} testId="task-form-directive" />
          </Form.Item>
          {chosen.data && !chosen.data.editable && <Alert type="warning" showIcon message={t('dirForm.readOnly')} style={{ marginBottom: 12 }} />}
        </Form>
      )}
      <Form form={form} layout="vertical" onFinish={submit}>
        <TaskFields
          unitCode={directive?.orgUnit?.code}
          known={known}
          editing={!!task}
          unitInitial={task?.orgUnit ?? null}
          lockDue={!!task?.deadline?.dueDate && (task.deadline.recurrence ?? 'none') === 'none'}
        />
      </Form>
    </Modal>
  );
}

/** Extends a one-off deadline with a reason; shows the extensions so far. */
export function TaskExtendModal({ task, onClose, onSaved }: { task: Task | null; onClose: () => void; onSaved: () => void }) {
  const { t, errText } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ newDueDate: Dayjs | null; reason: string }>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const detail = useApi<TaskDetail>(task ? taskApi.one(task.id) : null);
  useEffect(() => {
    if (task) {
      form.resetFields();
      setError(null);
    }
  }, [task, form]);
  const current = task?.deadline?.dueDate ?? null;
  const submit = async (v: { newDueDate: Dayjs | null; reason: string }) => {
    if (!task) return;
    setSaving(true);
    setError(null);
    try {
      await taskApi.extend(task.id, { newDueDate: dayjsToIso(v.newDueDate) ?? '', reason: v.reason.trim(), version: detail.data?.version ?? task.version });
      message.success(t('extend.saved'));
      onSaved();
      onClose();
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  };
  const history = detail.data?.extensions ?? [];
  return (
    <Modal
      open={!!task}
      title={task ? t('extend.title', { task: `${task.code} ${task.title}`.trim() }) : ''}
      okText={t('extend.ok')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'extend-ok' } }
      width={620}
      destroyOnHidden
      data-testid="extend-modal"
    >
      {!!error && <Alert type="error" showIcon style={{ marginBottom: 12 }} message={errText(error)} data-testid="extend-error" />}
      <Typography.Paragraph>
        {t('extend.current')}: <strong>{formatDate(current)}</strong>
      </Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="newDueDate" label={t('extend.newDue')} rules={[{ required: true, message: t('common.required') }]}>
          <DatePicker
            format={DATE_FORMAT}
            placeholder={t('common.datePlaceholder')}
            style={{ width: '100%', maxWidth: 240 }}
            disabledDate={(d) => !!current && d.format('YYYY-MM-DD') <= current}
            data-testid="extend-date"
          />
        </Form.Item>
        <Form.Item name="reason" label={t('extend.reason')} rules={[{ required: true, whitespace: true, message: t('common.required') }, { max: 1000 }]}>
          <Input.TextArea rows={3} showCount maxLength={1000} data-testid="extend-reason" />
        </Form.Item>
      </Form>
      {history.length > 0 && <ExtensionHistory items={history} />}
    </Modal>
  );
}

export function ExtensionHistory({ items }: { items: TaskDetail['extensions'] }) {
  const { t } = useI18n();
  return (
    <>
      <Typography.Title level={5}>{t('extend.history')}</Typography.Title>
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={items}
        data-testid="extend-history"
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('extend.from'), dataIndex: 'previousDue', render: (d: string) => formatDate(d) },
          { title: t('extend.to'), dataIndex: 'newDue', render: (d: string) => formatDate(d) },
          { title: t('extend.reason'), dataIndex: 'reason' },
          { title: t('extend.by'), key: 'by', render: (_: unknown, x) => `${x.username} · ${formatDateTime(x.createdAt)}` },
        ]}
      />
    </>
  );
}
