// The "Kế hoạch hỗ trợ" tab of a record (issue 16 §4): the latest needs assessment (history
// kept), and the support plan with its goals: draft → submitted → approved / returned (with a
// reason) by a supervisor who did not submit it. An approved plan is never edited: "new version"
// starts a new draft from its goals. docs/api-cases.md "Case work".
import { useState } from 'react';
import { Alert, App, Button, Card, Collapse, DatePicker, Empty, Form, Input, List, Modal, Select, Space, Tag, Typography } from 'antd';
import { PlusOutlined, MinusCircleOutlined } from '@ant-design/icons';
import type { Case } from '../../api/cases';
import {
  caseWorkApi,
  CW_DOMAINS,
  CW_GOAL_STATUSES,
  CW_LEVELS,
  CW_NOTE_MAX,
  type CaseWork,
  type CaseWorkAssessment,
  type CaseWorkPlan,
  type CwDomain,
  type CwGoalStatus,
  type CwLevel,
} from '../../api/caseWork';
import { PERM } from '../../api/types';
import { formatDate, todayIso } from '../../format';
import { useI18n } from '../../i18n';
import { useSession } from '../../session';
import { useApi } from '../../useApi';
import { ErrorAlert } from '../../components/ResultPages';
import { DATE_FORMAT, dayjsToIso, isoToDayjs } from '../../components/dates';
import { LevelTag, PlanStatusTag, planSubmitter, useCaseWorkLabels, useMayDecide } from './caseWorkShared';
import { NoteModal } from './NoteModal';

export default function CasePlanTab({ rec }: { rec: Case }) {
  const { data, error, reload } = useApi(caseWorkApi.work(rec.id));
  const [work, setWork] = useState<CaseWork | undefined>(undefined);
  const w = work && work.caseId === rec.id ? work : data;  // the answer of the last change, else the load
  return (
    <div data-testid="cw-plan-tab">
      <ErrorAlert error={error} onRetry={reload} />
      {w && (
        <>
          <Assessments rec={rec} work={w} onChanged={setWork} />
          <Plans rec={rec} work={w} onChanged={setWork} />
        </>
      )}
    </div>
  );
}

function AssessmentView({ a }: { a: CaseWorkAssessment }) {
  const l = useCaseWorkLabels();
  return (
    <List
      size="small"
      dataSource={a.items}
      renderItem={(it) => (
        <List.Item data-testid={`cw-assessment-${it.domain}`}>
          <Space direction="vertical" size={0} style={{ width: '100%' }}>
            <Space wrap>
              <Typography.Text strong>{l.domain(it.domain)}</Typography.Text>
              <LevelTag level={it.level} />
            </Space>
            {it.note && <Typography.Text type="secondary">{it.note}</Typography.Text>}
          </Space>
        </List.Item>
      )}
    />
  );
}

function Assessments({ rec, work, onChanged }: { rec: Case; work: CaseWork; onChanged: (w: CaseWork) => void }) {
  const { t } = useI18n();
  const { can } = useSession();
  const [open, setOpen] = useState(false);
  const [latest, ...older] = work.assessments;
  return (
    <Card
      size="small"
      title={t('caseWork.assessment')}
      style={{ marginBottom: 12 }}
      extra={
        can(PERM.casesRecord) && work.status === 'open' ? (
          <Button size="small" icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="cw-assessment-new">
            {t('caseWork.assessment.new')}
          </Button>
        ) : null
      }
    >
      {!latest ? (
        <Empty description={t('caseWork.assessment.none')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <>
          <Typography.Text type="secondary" data-testid="cw-assessment-date">
            {t('caseWork.assessment.on', { date: formatDate(latest.assessedOn), by: latest.assessedBy?.fullName ?? '—' })}
          </Typography.Text>
          <AssessmentView a={latest} />
          {older.length > 0 && (
            <Collapse
              size="small"
              items={[
                {
                  key: 'h',
                  label: t('caseWork.assessment.history', { n: older.length }),
                  children: older.map((a) => (
                    <div key={a.id} style={{ marginBottom: 8 }}>
                      <Typography.Text strong>{formatDate(a.assessedOn)}</Typography.Text>
                      <AssessmentView a={a} />
                    </div>
                  )),
                },
              ]}
            />
          )}
        </>
      )}
      {open && <AssessmentDialog rec={rec} onClose={() => setOpen(false)} onSaved={onChanged} />}
    </Card>
  );
}

interface AssessmentValues {
  assessedOn?: string;
  items: { domain: CwDomain; level: CwLevel; note?: string }[];
}

function AssessmentDialog({ rec, onClose, onSaved }: { rec: Case; onClose: () => void; onSaved: (w: CaseWork) => void }) {
  const { t } = useI18n();
  const l = useCaseWorkLabels();
  const [form] = Form.useForm<AssessmentValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const save = async (v: AssessmentValues) => {
    setBusy(true);
    setError(null);
    try {
      onSaved(
        await caseWorkApi.addAssessment(rec.id, {
          assessedOn: v.assessedOn,
          items: v.items.map((it) => ({ domain: it.domain, level: it.level, note: it.note?.trim() || undefined })),
        }),
      );
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
      title={t('caseWork.assessment.new')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('cases.save')}
      cancelText={t('cases.cancel')}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'cw-assessment-save' }}
    >
      <ErrorAlert error={error} />
      <Form
        form={form}
        layout="vertical"
        onFinish={save}
        initialValues={{ assessedOn: todayIso(), items: CW_DOMAINS.map((d) => ({ domain: d, level: 'none' })) }}
        data-testid="cw-assessment-form"
      >
        <Form.Item
          name="assessedOn"
          label={t('caseWork.assessment.date')}
          getValueProps={(v: string | undefined) => ({ value: isoToDayjs(v) })}
          normalize={(d) => dayjsToIso(d)}
        >
          <DatePicker format={DATE_FORMAT} allowClear={false} />
        </Form.Item>
        {CW_DOMAINS.map((d, i) => (
          <Space key={d} wrap align="start" style={{ width: '100%' }}>
            <Form.Item name={['items', i, 'domain']} hidden>
              <Input />
            </Form.Item>
            <Form.Item name={['items', i, 'level']} label={l.domain(d)} style={{ marginBottom: 8 }}>
              <Select
                style={{ width: 150 }}
                options={CW_LEVELS.map((x) => ({ value: x, label: l.level(x) }))}
                data-testid={`cw-level-${d}`}
              />
            </Form.Item>
            <Form.Item name={['items', i, 'note']} label={t('caseWork.note')} style={{ marginBottom: 8, minWidth: 200 }}>
              <Input maxLength={CW_NOTE_MAX} />
            </Form.Item>
          </Space>
        ))}
      </Form>
    </Modal>
  );
}

function Plans({ rec, work, onChanged }: { rec: Case; work: CaseWork; onChanged: (w: CaseWork) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { can } = useSession();
  const mayDecide = useMayDecide();
  const [editing, setEditing] = useState<'new' | CaseWorkPlan | null>(null);
  const [returning, setReturning] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [current, ...older] = work.plans;
  const isOpen = work.status === 'open';
  const record = can(PERM.casesRecord) && isOpen;
  const inForce = work.plans.find((p) => p.status === 'approved');

  const act = async (fn: () => Promise<CaseWork>, done: string) => {
    setBusy(true);
    setError(null);
    try {
      onChanged(await fn());
      message.success(t(done as 'caseWork.plan.submitted'));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card
      size="small"
      title={t('caseWork.plan')}
      extra={
        record && (!current || current.status === 'approved' || current.status === 'superseded') ? (
          <Button size="small" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="cw-plan-new">
            {current ? t('caseWork.plan.newVersion') : t('caseWork.plan.create')}
          </Button>
        ) : null
      }
    >
      <ErrorAlert error={error} />
      {!current ? (
        <Empty description={t('caseWork.plan.none')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <div data-testid="cw-plan-current">
          <Space wrap style={{ marginBottom: 8 }}>
            <Typography.Text strong>{t('caseWork.plan.version', { n: current.planNo })}</Typography.Text>
            <PlanStatusTag status={current.status} />
            {current.submittedAt && current.status === 'submitted' && (
              <Typography.Text type="secondary">
                {t('caseWork.plan.submittedBy', { by: current.submittedBy?.fullName ?? '—', date: formatDate(current.submittedAt.slice(0, 10)) })}
              </Typography.Text>
            )}
            {current.decidedAt && current.status === 'approved' && (
              <Typography.Text type="secondary">
                {t('caseWork.plan.approvedBy', { by: current.decidedBy?.fullName ?? '—', date: formatDate(current.decidedAt.slice(0, 10)) })}
              </Typography.Text>
            )}
          </Space>
          {current.status === 'returned' && current.returnReason && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 8 }}
              message={t('caseWork.plan.returnedReason', { reason: current.returnReason })}
              data-testid="cw-plan-return-reason"
            />
          )}
          {current.status !== 'approved' && inForce && (
            <Alert type="info" style={{ marginBottom: 8 }} message={t('caseWork.plan.inForce', { n: inForce.planNo })} />
          )}
          <Goals plan={current} />
          <Space wrap style={{ marginTop: 8 }}>
            {record && (current.status === 'draft' || current.status === 'returned') && (
              <>
                <Button onClick={() => setEditing(current)} data-testid="cw-plan-edit">
                  {t('cases.edit')}
                </Button>
                <Button
                  type="primary"
                  loading={busy}
                  onClick={() => act(() => caseWorkApi.submitPlan(current.id, current.version), 'caseWork.plan.submitted')}
                  data-testid="cw-plan-submit"
                >
                  {t('caseWork.plan.submit')}
                </Button>
              </>
            )}
            {isOpen && current.status === 'submitted' && mayDecide(planSubmitter(current)) && (
              <>
                <Button
                  type="primary"
                  loading={busy}
                  onClick={() => act(() => caseWorkApi.approvePlan(current.id, current.version), 'caseWork.plan.approved')}
                  data-testid="cw-plan-approve"
                >
                  {t('caseWork.plan.approve')}
                </Button>
                <Button danger onClick={() => setReturning(true)} data-testid="cw-plan-return">
                  {t('caseWork.plan.return')}
                </Button>
              </>
            )}
          </Space>
          {older.length > 0 && (
            <Collapse
              size="small"
              style={{ marginTop: 12 }}
              items={[
                {
                  key: 'v',
                  label: t('caseWork.plan.history', { n: older.length }),
                  children: older.map((p) => (
                    <div key={p.id} style={{ marginBottom: 8 }}>
                      <Space wrap>
                        <Typography.Text strong>{t('caseWork.plan.version', { n: p.planNo })}</Typography.Text>
                        <PlanStatusTag status={p.status} />
                      </Space>
                      <Goals plan={p} />
                    </div>
                  )),
                },
              ]}
            />
          )}
        </div>
      )}
      {editing && (
        <GoalsDialog
          rec={rec}
          plan={editing === 'new' ? null : editing}
          template={editing === 'new' ? current : editing}
          onClose={() => setEditing(null)}
          onSaved={onChanged}
        />
      )}
      {returning && current && (
        <NoteModal
          title={t('caseWork.plan.return')}
          label={t('caseWork.reason')}
          required
          testId="cw-plan-return-dialog"
          onClose={() => setReturning(false)}
          onOk={async (note) => onChanged(await caseWorkApi.returnPlan(current.id, current.version, note))}
        />
      )}
    </Card>
  );
}

function Goals({ plan }: { plan: CaseWorkPlan }) {
  const { t } = useI18n();
  const l = useCaseWorkLabels();
  return (
    <List
      size="small"
      bordered
      dataSource={plan.goals}
      renderItem={(g) => (
        <List.Item data-testid="cw-goal">
          <Space direction="vertical" size={0} style={{ width: '100%' }}>
            <Space wrap>
              <Tag>{l.domain(g.domain)}</Tag>
              <Tag color={g.status === 'achieved' ? 'green' : g.status === 'dropped' ? 'default' : 'blue'}>{l.goalStatus(g.status)}</Tag>
              <Typography.Text type="secondary">{t('caseWork.goal.targetOn', { date: formatDate(g.targetOn) })}</Typography.Text>
            </Space>
            <Typography.Text style={{ overflowWrap: 'anywhere' }}>{g.text}</Typography.Text>
          </Space>
        </List.Item>
      )}
    />
  );
}

interface GoalValues {
  goals: { domain?: CwDomain; text?: string; targetOn?: string; status?: CwGoalStatus }[];
}

function GoalsDialog({
  rec,
  plan,
  template,
  onClose,
  onSaved,
}: {
  rec: Case;
  plan: CaseWorkPlan | null;
  template: CaseWorkPlan | undefined;
  onClose: () => void;
  onSaved: (w: CaseWork) => void;
}) {
  const { t } = useI18n();
  const l = useCaseWorkLabels();
  const [form] = Form.useForm<GoalValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const initial: GoalValues = {
    goals: template?.goals.map((g) => ({ domain: g.domain, text: g.text, targetOn: g.targetOn, status: g.status })) ?? [
      { status: 'not_started' },
    ],
  };
  const save = async (v: GoalValues) => {
    setBusy(true);
    setError(null);
    const goals = v.goals.map((g) => ({
      domain: g.domain as CwDomain,
      text: (g.text ?? '').trim(),
      targetOn: g.targetOn ?? '',
      status: g.status ?? 'not_started',
    }));
    try {
      onSaved(plan ? await caseWorkApi.updatePlan(plan.id, { version: plan.version, goals }) : await caseWorkApi.addPlan(rec.id, { goals }));
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
      title={plan ? t('caseWork.plan.edit') : template ? t('caseWork.plan.newVersion') : t('caseWork.plan.create')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('cases.save')}
      cancelText={t('cases.cancel')}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'cw-goals-save' }}
    >
      <ErrorAlert error={error} />
      <Form form={form} layout="vertical" onFinish={save} initialValues={initial} data-testid="cw-goals-form">
        <Form.List name="goals">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <Card
                  key={f.key}
                  size="small"
                  style={{ marginBottom: 8 }}
                  title={t('caseWork.goal', { n: i + 1 })}
                  extra={
                    fields.length > 1 ? (
                      <Button size="small" type="text" icon={<MinusCircleOutlined />} onClick={() => remove(f.name)} aria-label={t('caseWork.goal.remove')} />
                    ) : null
                  }
                >
                  <Form.Item name={[f.name, 'domain']} label={t('caseWork.goal.domain')} rules={[{ required: true, message: t('caseWork.goal.domain') }]}>
                    <Select options={CW_DOMAINS.map((d) => ({ value: d, label: l.domain(d) }))} data-testid={`cw-goal-domain-${i}`} />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'text']}
                    label={t('caseWork.goal.text')}
                    rules={[{ required: true, whitespace: true, message: t('caseWork.goal.text') }]}
                  >
                    <Input.TextArea rows={2} maxLength={CW_NOTE_MAX} data-testid={`cw-goal-text-${i}`} />
                  </Form.Item>
                  <Space wrap>
                    <Form.Item
                      name={[f.name, 'targetOn']}
                      label={t('caseWork.goal.target')}
                      rules={[{ required: true, message: t('caseWork.goal.target') }]}
                      getValueProps={(v: string | undefined) => ({ value: isoToDayjs(v) })}
                      normalize={(d) => dayjsToIso(d)}
                    >
                      <DatePicker format={DATE_FORMAT} placeholder={t('common.datePlaceholder')} data-testid={`cw-goal-target-${i}`} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'status']} label={t('caseWork.goal.status')}>
                      <Select style={{ width: 160 }} options={CW_GOAL_STATUSES.map((s) => ({ value: s, label: l.goalStatus(s) }))} />
                    </Form.Item>
                  </Space>
                </Card>
              ))}
              <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({ status: 'not_started' })} data-testid="cw-goal-add">
                {t('caseWork.goal.add')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
