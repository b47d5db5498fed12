// The coordination plans of an integration plan (guidance 221 §5.2: "Ủy ban nhân dân các cấp ban
// hành kế hoạch phối hợp giữa các cơ quan, đơn vị về thực hiện lồng ghép"): directives of kind
// coordination_plan linked to the plan, listed on the plan's page, and issued from an approved
// plan with one task per plan activity (lead agency from the activity, due date its end date),
// every task editable (or dropped) before saving.
import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { App, Button, Card, Col, DatePicker, Form, Input, List, Row, Typography } from 'antd';
import { DeleteOutlined, TeamOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { PERM, type AgencyRef, type Plan } from '../../api/types';
import { directiveApi, taskApi } from '../../api/directives';
import { formatDate } from '../../format';
import { useI18n } from '../../i18n';
import { useSession } from '../../session';
import { useApi } from '../../useApi';
import { DATE_FORMAT, dayjsToIso, isoToDayjs } from '../../components/dates';
import { AgencyNamePicker, DirectiveFormDrawer } from '../directives/DirectiveForms';

interface TaskRow {
  code: string;
  title: string;
  leadAgencyId: number | string | null;
  coAgencyIds: (number | string)[];
  dueDate: Dayjs | null;
}

/** One task per plan activity, as the coordination plan pre-fills them. */
export function tasksFromPlan(plan: Plan): TaskRow[] {
  return (plan.activities ?? []).map((a, i) => ({
    code: String(i + 1),
    title: a.description.length > 255 ? `${a.description.slice(0, 254)}…` : a.description,
    leadAgencyId: a.leadAgency?.id ?? null,
    coAgencyIds: (a.partners ?? []).map((p) => p.id).filter((id) => id !== a.leadAgency?.id),
    dueDate: isoToDayjs(a.endDate),
  }));
}

export function CoordinationPlans({ plan }: { plan: Plan }) {
  const { t, errText } = useI18n();
  const { can } = useSession();
  const { message } = App.useApp();
  const linked = useApi(directiveApi.list({ plan: plan.id, pageSize: 100 }));
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ tasks: TaskRow[] }>();
  const known = useMemo(() => {
    const out: AgencyRef[] = [];
    for (const a of plan.activities ?? []) for (const x of [a.leadAgency, ...(a.partners ?? [])]) if (x) out.push(x);
    return out;
  }, [plan]);
  const defaults = useMemo(
    () => ({
      kind: 'coordination_plan',
      subject: t('coord.subject', { plan: plan.title }),
      orgUnitCode: plan.orgUnit?.code,
      recipientAgencyIds: [...new Set(known.map((a) => a.id))],
    }),
    [plan, known, t],
  );
  const mayIssue = plan.status === 'approved' && can(PERM.directivesManage);
  const items = linked.data?.items ?? [];
  if (!mayIssue && items.length === 0) return null;

  const start = () => {
    form.setFieldsValue({ tasks: tasksFromPlan(plan) });
    setOpen(true);
  };

  const createTasks = async (directiveId: number | string) => {
    const rows = (await form.validateFields()).tasks ?? [];
    for (const r of rows)
      await taskApi.create({
        directiveId,
        code: r.code.trim(),
        title: r.title.trim(),
        leadAgencyId: r.leadAgencyId ?? 0,
        coAgencyIds: r.coAgencyIds ?? [],
        dueDate: dayjsToIso(r.dueDate) ?? null,
        recurrence: 'none',
      });
    message.success(t('coord.saved', { n: rows.length }));
  };

  const taskEditor = (
    <div data-testid="coord-tasks">
      <Typography.Title level={5}>{t('coord.tasks')}</Typography.Title>
      <Form form={form} layout="vertical">
        <Form.List name="tasks">
          {(fields, { remove }) =>
            fields.map((f) => (
              <Card
                key={f.key}
                size="small"
                style={{ marginBottom: 8 }}
                data-testid="coord-task"
                extra={<Button size="small" icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('coord.remove')} title={t('coord.remove')} />}
              >
                <Row gutter={8}>
                  <Col xs={6} md={3}>
                    <Form.Item name={[f.name, 'code']} label={t('taskForm.code')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
                      <Input />
                    </Form.Item>
                  </Col>
                  <Col xs={18} md={21}>
                    <Form.Item name={[f.name, 'title']} label={t('task.content')} rules={[{ required: true, whitespace: true, message: t('common.required') }, { max: 255 }]}>
                      <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} data-testid="coord-task-title" />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={9}>
                    <Form.Item name={[f.name, 'leadAgencyId']} label={t('task.lead')} rules={[{ required: true, message: t('common.required') }]}>
                      <AgencyNamePicker orgUnitCode={plan.orgUnit?.code} known={known} data-testid="coord-task-lead" />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={9}>
                    <Form.Item name={[f.name, 'coAgencyIds']} label={t('task.partners')}>
                      <AgencyNamePicker multiple orgUnitCode={plan.orgUnit?.code} known={known} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={6}>
                    <Form.Item name={[f.name, 'dueDate']} label={t('taskForm.dueDate')}>
                      <DatePicker format={DATE_FORMAT} placeholder={t('common.datePlaceholder')} style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                </Row>
              </Card>
            ))
          }
        </Form.List>
      </Form>
    </div>
  );

  return (
    <Card
      size="small"
      style={{ marginTop: 12 }}
      title={
        <span>
          <TeamOutlined /> {t('coord.title')}
        </span>
      }
      extra={
        mayIssue ? (
          <Button type="primary" size="small" onClick={start} data-testid="coord-issue">
            {t('coord.issue')}
          </Button>
        ) : null
      }
      data-testid="coord-plans"
    >
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('coord.hint')}
      </Typography.Paragraph>
      <List
        size="small"
        dataSource={items}
        locale={{ emptyText: t('coord.none') }}
        renderItem={(d) => (
          <List.Item>
            <Link to={`/directives?q=${encodeURIComponent(d.number)}`}>
              <strong>{d.number}</strong>
            </Link>{' '}
            · {formatDate(d.issueDate)} · {d.subject} · {t('directive.tasks')}: {d.taskCount}
          </List.Item>
        )}
      />
      <DirectiveFormDrawer
        open={open}
        onClose={() => setOpen(false)}
        planId={plan.id}
        defaults={defaults}
        extra={taskEditor}
        beforeSave={async () => {
          await form.validateFields();
        }}
        onSaved={async (d) => {
          try {
            await createTasks(d.id);
          } catch (e) {
            // the directive is saved: its remaining tasks can be added from "Văn bản chỉ đạo"
            message.error(errText(e));
          } finally {
            linked.reload();
          }
        }}
      />
    </Card>
  );
}
