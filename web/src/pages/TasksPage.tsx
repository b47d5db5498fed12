// /tasks: the tasks assigned by directives. The province lead department sees the overview (per
// agency counts, and who is late on what) and every agency's board; an agency's focal point sees
// its own agency's board. Overdue is derived by the server and marked red ("Quá hạn").
import { useEffect, useState } from 'react';
import { Badge, Button, Card, Col, Empty, Row, Select, Space, Table, Tabs, Typography } from 'antd';
import { ClockCircleOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { PERM, type AgencyRef, type Task, type TaskOverview } from '../api/types';
import { formatDate, formatNumber, todayIso } from '../format';
import { useI18n } from '../i18n';
import { useSession } from '../session';
import { useApi } from '../useApi';
import { taskApi } from '../api/directives';
import { ErrorAlert } from '../components/ResultPages';
import { OverdueMark, TaskStatusTag, TaskUpdateModal, useDeadlineText } from './TasksParts';
import { boardColumns, isOverdue, TASK_STATUSES } from '../workflow';
import { ListTable } from '../components/list';
import { TaskExtendModal, TaskFormModal } from './directives/DirectiveForms';

type Id = string | number;

export default function TasksPage() {
  const { t } = useI18n();
  const { me, can } = useSession();
  const lead = can(PERM.directivesManage) || !me?.agency;
  const overview = useApi(lead ? taskApi.overview() : null);
  const [updating, setUpdating] = useState<Task | null>(null);
  const [tick, setTick] = useState(0);
  const [creating, setCreating] = useState(false);
  const [extending, setExtending] = useState<Task | null>(null);
  const onExtend = can(PERM.directivesManage) ? setExtending : undefined;
  const agencies = (overview.data?.agencies ?? []).map((r) => r.agency);
  const onUpdate = can(PERM.tasksUpdate) ? setUpdating : undefined;
  const saved = () => {
    overview.reload();
    setTick((n) => n + 1);
  };

  const board = (
    <TaskBoardView
      agencies={agencies}
      fixedAgency={lead ? null : (me?.agency ?? null)}
      defaultAgency={me?.agency?.id ?? null}
      onUpdate={onUpdate}
      tick={tick}
    />
  );

  return (
    <div>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8, flexWrap: 'wrap' }}>
        <Typography.Title level={3} className="lg-page-title">
          {t('task.title')}
        </Typography.Title>
        {can(PERM.directivesManage) && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="task-add">
            {t('taskForm.add')}
          </Button>
        )}
      </div>
      <TaskFormModal open={creating} directive={null} onClose={() => setCreating(false)} onSaved={saved} />
      <TaskExtendModal task={extending} onClose={() => setExtending(null)} onSaved={saved} />
      <ErrorAlert error={overview.error} onRetry={overview.reload} />
      {lead ? (
        overview.loading && !overview.data ? (
          <Card loading />
        ) : (
          <Tabs
            items={[
              {
                key: 'overview',
                label: t('task.overview'),
                children: overview.data ? <TasksOverview data={overview.data} onUpdate={onUpdate} onExtend={onExtend} /> : null,
              },
              { key: 'board', label: t('task.board'), children: board },
            ]}
          />
        )
      ) : (
        board
      )}
      <TaskUpdateModal task={updating} onClose={() => setUpdating(null)} onSaved={saved} />
    </div>
  );
}

function TasksOverview({
  data,
  onUpdate,
  onExtend,
}: {
  data: TaskOverview;
  onUpdate?: (t: Task) => void;
  onExtend?: (t: Task) => void;
}) {
  const { t } = useI18n();
  const deadline = useDeadlineText();
  const rows = data.agencies.map((r) => ({ id: r.agency.id, name: r.agency.name, ...r.counts }));
  const late = data.overdue;
  return (
    <div data-testid="tasks-overview">
      <Typography.Paragraph type="secondary">{t('task.overviewHint')}</Typography.Paragraph>
      <Table
        rowKey={(r) => String(r.id)}
        size="small"
        pagination={false}
        dataSource={rows}
        data-testid="tasks-overview-agencies"
        columns={[
          { title: t('task.agency'), dataIndex: 'name' },
          { title: t('task.total'), dataIndex: 'total', align: 'right', width: 100, render: (n: number) => formatNumber(n) },
          { title: t('task.status.not_started'), dataIndex: 'notStarted', align: 'right', width: 130, render: (n: number) => formatNumber(n) },
          { title: t('task.status.in_progress'), dataIndex: 'inProgress', align: 'right', width: 140, render: (n: number) => formatNumber(n) },
          { title: t('task.status.done'), dataIndex: 'done', align: 'right', width: 120, render: (n: number) => formatNumber(n) },
          {
            title: t('task.overdue'),
            dataIndex: 'overdue',
            align: 'right',
            width: 110,
            render: (n: number) => (n > 0 ? <Badge count={n} color="red" overflowCount={999} /> : '0'),
          },
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 20 }}>
        {t('task.lateList')} ({formatNumber(late.length)})
      </Typography.Title>
      <ListTable<Task>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={late}
        data-testid="tasks-overdue-table"
        locale={{ emptyText: t('task.noLate') }}
        scroll={{ x: 1000 }}
        columns={[
          { title: t('task.lead'), dataIndex: 'leadAgency', width: 200, render: (a: AgencyRef) => <strong>{a?.shortName || a?.name}</strong> },
          {
            title: t('task.content'),
            key: 'title',
            render: (_: unknown, x) => (
              <>
                {x.code ? `${x.code}. ` : ''}
                {x.title}
              </>
            ),
          },
          { title: t('task.directive'), dataIndex: 'directive', width: 170, render: (d: Task['directive']) => d?.number },
          { title: t('task.deadline'), key: 'due', width: 180, render: (_: unknown, x) => deadline(x) },
          { title: t('task.currentDue'), dataIndex: 'currentDue', width: 120, render: (d: string | null) => formatDate(d) },
          { title: t('task.status'), key: 'st', width: 220, render: (_: unknown, x) => <TaskStatusTag task={x} /> },
          ...(onUpdate || onExtend
            ? [
                {
                  title: t('common.actions'),
                  key: 'act',
                  width: 130,
                  render: (_: unknown, x: Task) => (
                    <Space size={4}>
                      {onUpdate && (
                        <Button size="small" icon={<EditOutlined />} title={t('task.update')} aria-label={t('task.update')} onClick={() => onUpdate(x)} />
                      )}
                      {onExtend && x.deadline?.recurrence === 'none' && x.deadline?.dueDate && (
                        <Button size="small" icon={<ClockCircleOutlined />} onClick={() => onExtend(x)} data-testid="task-extend">
                          {t('extend.action')}
                        </Button>
                      )}
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
    </div>
  );
}

function TaskBoardView({
  agencies,
  fixedAgency,
  defaultAgency,
  onUpdate,
  tick,
}: {
  agencies: AgencyRef[];
  fixedAgency: AgencyRef | null;
  defaultAgency: Id | null;
  onUpdate?: (t: Task) => void;
  tick: number;
}) {
  const { t } = useI18n();
  const deadline = useDeadlineText();
  const initial = fixedAgency?.id ?? (agencies.some((a) => String(a.id) === String(defaultAgency)) ? defaultAgency : agencies[0]?.id ?? null);
  const [agency, setAgency] = useState<Id | null>(initial);
  const current = fixedAgency?.id ?? agency ?? initial;
  const { data, error, reload } = useApi(current === null ? null : taskApi.board(fixedAgency ? undefined : current));
  useEffect(() => {
    if (tick) reload();
  }, [tick, reload]);
  const cols = boardColumns(
    data ? [...data.columns.not_started, ...data.columns.in_progress, ...data.columns.done] : [],
    data?.today ?? todayIso(),
  );

  return (
    <div data-testid="tasks-board">
      <ErrorAlert error={error} onRetry={reload} />
      {!fixedAgency && (
        <Space style={{ marginBottom: 12 }} wrap>
          <Typography.Text>{t('task.agency')}:</Typography.Text>
          <Select
            showSearch
            optionFilterProp="label"
            style={{ minWidth: 320 }}
            value={current === null ? undefined : String(current)}
            onChange={(v: string) => setAgency(v)}
            options={agencies.map((a) => ({ value: String(a.id), label: a.name }))}
            data-testid="tasks-board-agency"
          />
        </Space>
      )}
      {fixedAgency && (
        <Typography.Paragraph strong>{fixedAgency.name}</Typography.Paragraph>
      )}
      <Row gutter={12}>
        {TASK_STATUSES.map((s) => (
          <Col key={s} xs={24} md={8}>
            <Card
              size="small"
              title={`${t(`task.status.${s}` as 'task.status.done')} (${cols[s].length})`}
              className={`lg-board-col lg-board-${s}`}
              data-testid={`tasks-col-${s}`}
            >
              {cols[s].length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('task.empty')} />}
              {cols[s].map((x) => (
                <Card
                  key={String(x.id)}
                  size="small"
                  className={isOverdue(x, todayIso()) ? 'lg-task-card lg-task-late' : 'lg-task-card'}
                  style={{ marginBottom: 8 }}
                  data-testid="task-card"
                  actions={
                    onUpdate
                      ? [
                          <a key="u" onClick={() => onUpdate(x)} data-testid="task-update">
                            <EditOutlined /> {t('task.update')}
                          </a>,
                        ]
                      : undefined
                  }
                >
                  <div>
                    <strong>{x.code ? `${x.code}. ` : ''}</strong>
                    {x.title}
                  </div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {x.directive?.number} · {t('task.deadline')}: {deadline(x)}
                  </Typography.Text>
                  <div style={{ marginTop: 4 }}>
                    <OverdueMark task={x} />
                    {String(x.leadAgency?.id) !== String(current) && (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {t('task.lead')}: {x.leadAgency?.shortName || x.leadAgency?.name}
                      </Typography.Text>
                    )}
                  </div>
                </Card>
              ))}
            </Card>
          </Col>
        ))}
      </Row>
    </div>
  );
}
