// The "Theo dõi" tab of a record (issue 16 §5): follow-ups with due dates (planned → done with a
// note | cancelled; "overdue" is computed by the server at read time) and the reintegration
// outcome (job, housing, family, health, legal papers: achieved / in progress / not achieved, dated).
import { useEffect, useState } from 'react';
import { App, Button, Card, DatePicker, Empty, Form, Input, List, Select, Space, Tag, Typography } from 'antd';
import type { Case } from '../../api/cases';
import {
  caseWorkApi,
  CW_AREAS,
  CW_NOTE_MAX,
  CW_OUTCOME_STATUSES,
  type CaseWork,
  type CaseWorkFollowUp,
  type CwArea,
  type CwOutcomeStatus,
} from '../../api/caseWork';
import { PERM } from '../../api/types';
import { formatDate, todayIso } from '../../format';
import { useI18n } from '../../i18n';
import { useSession } from '../../session';
import { useApi } from '../../useApi';
import { ErrorAlert } from '../../components/ResultPages';
import { DATE_FORMAT, dayjsToIso, isoToDayjs } from '../../components/dates';
import { useCaseWorkLabels } from './caseWorkShared';
import { NoteModal } from './NoteModal';

export default function CaseFollowUpTab({ rec }: { rec: Case }) {
  const { data, error, reload } = useApi(caseWorkApi.work(rec.id));
  const [work, setWork] = useState<CaseWork | undefined>(undefined);
  const w = work && work.caseId === rec.id ? work : data;
  return (
    <div data-testid="cw-followup-tab">
      <ErrorAlert error={error} onRetry={reload} />
      {w && (
        <>
          <FollowUps rec={rec} work={w} onChanged={setWork} />
          <Outcome rec={rec} work={w} onChanged={setWork} />
        </>
      )}
    </div>
  );
}

const FOLLOWUP_COLOR: Record<string, string> = { planned: 'blue', done: 'green', cancelled: 'default' };

function FollowUps({ rec, work, onChanged }: { rec: Case; work: CaseWork; onChanged: (w: CaseWork) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { can } = useSession();
  const [form] = Form.useForm<{ dueOn?: string; purpose?: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [finishing, setFinishing] = useState<{ f: CaseWorkFollowUp; done: boolean } | null>(null);
  const record = can(PERM.casesRecord) && work.status === 'open';
  const add = async (v: { dueOn?: string; purpose?: string }) => {
    setBusy(true);
    setError(null);
    try {
      onChanged(await caseWorkApi.addFollowUp(rec.id, v.dueOn ?? todayIso(), (v.purpose ?? '').trim()));
      form.resetFields(['purpose']);
      message.success(t('caseWork.followUp.added'));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" title={t('caseWork.followUps')} style={{ marginBottom: 12 }}>
      <ErrorAlert error={error} />
      {work.followUps.length === 0 ? (
        <Empty description={t('caseWork.followUp.none')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <List
          size="small"
          dataSource={work.followUps}
          renderItem={(f) => (
            <List.Item data-testid={`cw-followup-${f.id}`}>
              <Space direction="vertical" size={2} style={{ width: '100%' }}>
                <Space wrap>
                  <Typography.Text strong>{formatDate(f.dueOn)}</Typography.Text>
                  <Tag color={FOLLOWUP_COLOR[f.status]}>{t(`caseWork.followUp.status.${f.status}` as const)}</Tag>
                  {f.overdue && (
                    <Tag color="red" data-testid="cw-followup-overdue">
                      {t('caseWork.followUp.overdue')}
                    </Tag>
                  )}
                </Space>
                {f.purpose && <Typography.Text style={{ overflowWrap: 'anywhere' }}>{f.purpose}</Typography.Text>}
                {f.result && (
                  <Typography.Text type="secondary" style={{ overflowWrap: 'anywhere' }}>
                    {f.doneOn ? `${formatDate(f.doneOn)}: ` : ''}
                    {f.result}
                  </Typography.Text>
                )}
                {record && f.status === 'planned' && (
                  <Space wrap>
                    <Button size="small" type="primary" onClick={() => setFinishing({ f, done: true })} data-testid="cw-followup-done">
                      {t('caseWork.followUp.done')}
                    </Button>
                    <Button size="small" onClick={() => setFinishing({ f, done: false })} data-testid="cw-followup-cancel">
                      {t('caseWork.followUp.cancel')}
                    </Button>
                  </Space>
                )}
              </Space>
            </List.Item>
          )}
        />
      )}
      {record && (
        <Form form={form} layout="vertical" onFinish={add} initialValues={{ dueOn: todayIso() }} style={{ marginTop: 12 }} data-testid="cw-followup-form">
          <Space wrap align="end">
            <Form.Item
              name="dueOn"
              label={t('caseWork.followUp.dueOn')}
              rules={[{ required: true, message: t('caseWork.followUp.dueOn') }]}
              getValueProps={(v: string | undefined) => ({ value: isoToDayjs(v) })}
              normalize={(d) => dayjsToIso(d)}
            >
              <DatePicker format={DATE_FORMAT} allowClear={false} data-testid="cw-followup-due" />
            </Form.Item>
            <Form.Item name="purpose" label={t('caseWork.followUp.purpose')} style={{ minWidth: 220 }}>
              <Input maxLength={CW_NOTE_MAX} data-testid="cw-followup-purpose" />
            </Form.Item>
            <Form.Item>
              <Button type="primary" htmlType="submit" loading={busy} data-testid="cw-followup-add">
                {t('caseWork.followUp.add')}
              </Button>
            </Form.Item>
          </Space>
        </Form>
      )}
      {finishing && (
        <NoteModal
          title={finishing.done ? t('caseWork.followUp.done') : t('caseWork.followUp.cancel')}
          label={finishing.done ? t('caseWork.followUp.result') : t('caseWork.note')}
          required={finishing.done}
          testId="cw-followup-dialog"
          onClose={() => setFinishing(null)}
          onOk={async (note) =>
            onChanged(
              finishing.done
                ? await caseWorkApi.followUpDone(finishing.f.id, finishing.f.version, note)
                : await caseWorkApi.followUpCancel(finishing.f.id, finishing.f.version, note),
            )
          }
        />
      )}
    </Card>
  );
}

type OutcomeValues = Partial<Record<CwArea, { status?: CwOutcomeStatus; asOf?: string }>>;

function Outcome({ rec, work, onChanged }: { rec: Case; work: CaseWork; onChanged: (w: CaseWork) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { can } = useSession();
  const l = useCaseWorkLabels();
  const [form] = Form.useForm<OutcomeValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    const v: OutcomeValues = {};
    for (const o of work.outcome) v[o.area] = { status: o.status, asOf: o.asOf };
    form.setFieldsValue(v);
  }, [work, form]);
  const save = async (v: OutcomeValues) => {
    const items = CW_AREAS.filter((a) => v[a]?.status).map((a) => ({
      area: a,
      status: v[a]!.status as CwOutcomeStatus,
      asOf: v[a]?.asOf ?? todayIso(),
    }));
    if (items.length === 0) return;
    setBusy(true);
    setError(null);
    try {
      onChanged(await caseWorkApi.putOutcome(rec.id, { items }));
      message.success(t('cases.saved'));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const editable = can(PERM.casesRecord);
  return (
    <Card size="small" title={t('caseWork.outcome')}>
      <ErrorAlert error={error} />
      <Form form={form} layout="vertical" onFinish={save} disabled={!editable} data-testid="cw-outcome-form">
        {CW_AREAS.map((a) => (
          <Space key={a} wrap align="start" style={{ width: '100%' }}>
            <Form.Item name={[a, 'status']} label={l.area(a)} style={{ marginBottom: 8 }}>
              <Select
                allowClear
                style={{ width: 170 }}
                placeholder={t('caseWork.outcome.unset')}
                options={CW_OUTCOME_STATUSES.map((s) => ({ value: s, label: l.outcome(s) }))}
                data-testid={`cw-outcome-${a}`}
              />
            </Form.Item>
            <Form.Item
              name={[a, 'asOf']}
              label={t('caseWork.outcome.asOf')}
              style={{ marginBottom: 8 }}
              getValueProps={(v: string | undefined) => ({ value: isoToDayjs(v) })}
              normalize={(d) => dayjsToIso(d)}
            >
              <DatePicker format={DATE_FORMAT} placeholder={t('common.datePlaceholder')} />
            </Form.Item>
          </Space>
        ))}
        {editable && (
          <Button type="primary" htmlType="submit" loading={busy} data-testid="cw-outcome-save">
            {t('cases.save')}
          </Button>
        )}
      </Form>
    </Card>
  );
}
