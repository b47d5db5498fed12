// /directives: the register of directives (văn bản chỉ đạo) — search without diacritics (the API
// folds them), filters, and a drawer with the directive's attachments and the tasks it assigns.
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { App, Button, Descriptions, Drawer, Form, InputNumber, List, Select, Space, Tag, Typography } from 'antd';
import { DownloadOutlined, PaperClipOutlined, PlusOutlined } from '@ant-design/icons';
import {
  PERM,
  type AgencyRef,
  type Directive,
  type DirectiveRef,
  type Task,
} from '../api/types';
import { formatDate, formatDateTime, formatNumber } from '../format';
import { localName, useI18n } from '../i18n';
import { useDirectiveKinds } from '../reference';
import { useSession } from '../session';
import { useApi } from '../useApi';
import { attachmentUrl, directiveApi, taskApi } from '../api/directives';
import { ErrorAlert } from '../components/ResultPages';
import { FileUpload } from '../components/FileUpload';
import { FilterBar, SearchFilter, useListState, type ListSpec, ListTable } from '../components/list';
import { TaskStatusTag } from './TasksParts';
import { formatFileSize } from '../workflow';
import { useIsPhone } from '../components/responsive';
import { DirectiveFormDrawer, TaskExtendModal, TaskFormModal } from './directives/DirectiveForms';
import { DirectiveTaskActions } from './directives/DirectiveTaskActions';

interface Filters {
  q?: string;
  kind?: string;
  year?: number;
}

const LIST: ListSpec<Filters> = {
  filters: { q: 'string', kind: 'string', year: 'int' },
  sorts: ['issueDate', 'number'],
  defaultSort: '-issueDate',
};

export default function DirectivesPage() {
  const { t, lang } = useI18n();
  const kinds = useDirectiveKinds();
  const list = useListState(LIST);
  const { filters, setFilters: update } = list;
  const [openId, setOpenId] = useState<string | number | null>(null);
  const { data, loading, error, reload } = useApi(directiveApi.list(list.query));
  const kindName = (c: string) => localName(kinds.find((k) => k.code === c), lang, c);
  const { can } = useSession();
  const [creating, setCreating] = useState(false);

  return (
    <div>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8, flexWrap: 'wrap' }}>
        <Typography.Title level={3} className="lg-page-title">
          {t('directive.title')}
        </Typography.Title>
        {can(PERM.directivesManage) && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="directive-add">
            {t('dirForm.add')}
          </Button>
        )}
      </div>
      <DirectiveFormDrawer
        open={creating}
        onClose={() => setCreating(false)}
        onSaved={(d) => {
          reload();
          setOpenId(d.id);
        }}
      />
      <FilterBar onClear={list.clearFilters} showClear={list.filtering}>
        <SearchFilter value={filters.q} onSearch={(q) => update({ q })} placeholder={t('directive.searchPlaceholder')} width={380} data-testid="directives-search" />
        <Form.Item label={t('directive.kind')}>
          <Select
            allowClear
            style={{ width: 180 }}
            placeholder={t('common.all')}
            value={filters.kind}
            onChange={(kind?: string) => update({ kind })}
            options={kinds.map((k) => ({ value: k.code, label: localName(k, lang, k.code) }))}
            data-testid="directives-filter-kind"
          />
        </Form.Item>
        <Form.Item label={t('directive.year')}>
          <InputNumber min={1990} max={2100} value={filters.year} onChange={(v) => update({ year: v ?? undefined })} style={{ width: 100 }} />
        </Form.Item>
      </FilterBar>
      <ErrorAlert error={error} onRetry={reload} />
      <ListTable<Directive>
        rowKey="id"
        size="middle"
        loading={loading}
        dataSource={data?.items ?? []}
        data-testid="directives-table"
        scroll={{ x: 1000 }}
        onRow={(d) => ({ onClick: () => setOpenId(d.id), style: { cursor: 'pointer' } })}
        pagination={list.pagination(data?.total)}
        onChange={list.onTableChange}
        columns={[
          {
            title: t('directive.number'),
            dataIndex: 'number',
            width: 170,
            sorter: true,
            sortOrder: list.sortOrder('number'),
            render: (n: string) => <strong>{n}</strong>,
          },
          { title: t('directive.kind'), dataIndex: 'kind', width: 120, render: (k: string) => <Tag>{kindName(k)}</Tag> },
          {
            title: t('directive.issuedOn'),
            dataIndex: 'issueDate',
            width: 130,
            sorter: true,
            sortOrder: list.sortOrder('issueDate'),
            sortDirections: ['descend', 'ascend'],
            render: (d: string) => formatDate(d),
          },
          { title: t('directive.subject'), dataIndex: 'subject' },
          {
            title: t('directive.issuer'),
            key: 'issuer',
            render: (_: unknown, d) => d.issuingAgency?.name ?? d.orgUnit?.name ?? '—',
          },
          {
            title: t('directive.tasks'),
            dataIndex: 'taskCount',
            width: 110,
            align: 'right',
            render: (n?: number) => formatNumber(n ?? null),
          },
        ]}
      />
      <DirectiveDrawer id={openId} onClose={() => setOpenId(null)} kindName={kindName} onOpen={setOpenId} onChanged={reload} />
    </div>
  );
}

function DirectiveDrawer({
  id,
  onClose,
  kindName,
  onOpen,
  onChanged,
}: {
  id: string | number | null;
  onClose: () => void;
  kindName: (c: string) => string;
  onOpen: (id: string | number) => void;
  /** The list behind reloads after an edit (task counts, subject). */
  onChanged?: () => void;
}) {
  const { t, errText } = useI18n();
  const { can } = useSession();
  const { message } = App.useApp();
  const { data: d, loading, error, reload } = useApi(id === null ? null : directiveApi.one(id));
  const tasks = useApi(id === null ? null : taskApi.list({ directiveId: id, pageSize: 500, sort: 'code' }));
  const [progress, setProgress] = useState<number | null>(null);
  const phone = useIsPhone();
  const [editing, setEditing] = useState(false);
  const [taskForm, setTaskForm] = useState<{ task: Task | null } | null>(null);
  const [extending, setExtending] = useState<Task | null>(null);
  const editable = !!d?.editable;

  const send = async (file: File) => {
    if (id === null) return;
    setProgress(0);
    try {
      await directiveApi.attach(id, file, setProgress);
      message.success(t('directive.uploaded', { name: file.name }));
      reload();
    } catch (e) {
      message.error(errText(e));
    } finally {
      setProgress(null);
    }
  };

  const ref = (r: DirectiveRef) => (
    <a onClick={() => onOpen(r.id)}>
      {r.number}
      {r.subject ? ` — ${r.subject}` : ''}
    </a>
  );

  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      width={phone ? '100%' : 820}
      title={d ? d.number : t('directive.detail')}
      data-testid="directive-drawer"
      destroyOnHidden
      extra={
        editable ? (
          <Button onClick={() => setEditing(true)} data-testid="directive-edit">
            {t('common.edit')}
          </Button>
        ) : null
      }
    >
      <DirectiveFormDrawer
        open={editing}
        directive={d}
        onClose={() => setEditing(false)}
        onSaved={() => {
          reload();
          onChanged?.();
        }}
      />
      <TaskFormModal
        open={!!taskForm}
        directive={d ?? null}
        task={taskForm?.task ?? null}
        onClose={() => setTaskForm(null)}
        onSaved={() => {
          tasks.reload();
          reload();
          onChanged?.();
        }}
      />
      <TaskExtendModal task={extending} onClose={() => setExtending(null)} onSaved={() => tasks.reload()} />
      <ErrorAlert error={error} onRetry={reload} />
      {loading && !d && <Typography.Text>{t('common.loading')}</Typography.Text>}
      {d && (
        <>
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t('directive.number')}>{d.number}</Descriptions.Item>
            <Descriptions.Item label={t('directive.kind')}>{kindName(d.kind)}</Descriptions.Item>
            <Descriptions.Item label={t('directive.issuer')}>
              {d.issuingAgency?.name ?? '—'} · {d.orgUnit?.name}
            </Descriptions.Item>
            <Descriptions.Item label={t('directive.issuedOn')}>{formatDate(d.issueDate)}</Descriptions.Item>
            <Descriptions.Item label={t('directive.subject')}>{d.subject}</Descriptions.Item>
            <Descriptions.Item label={t('directive.recipients')}>
              <Space size={[4, 4]} wrap>
                {(d.recipients?.agencies ?? []).map((a: AgencyRef) => (
                  <Tag key={String(a.id)}>{a.shortName || a.name}</Tag>
                ))}
              </Space>
              {(d.recipients?.lines ?? []).map((l, i) => (
                <div key={i}>{l}</div>
              ))}
            </Descriptions.Item>
            <Descriptions.Item label={t('directive.implements')}>{d.implements ? ref(d.implements) : '—'}</Descriptions.Item>
            {d.plan && (
              <Descriptions.Item label={t('coord.plan')}>
                <Link to={`/plans/${d.plan.id}`} data-testid="directive-plan">
                  {d.plan.title} ({d.plan.year})
                </Link>
              </Descriptions.Item>
            )}
            {!!d.implementedBy?.length && (
              <Descriptions.Item label={t('directive.implementedBy')}>
                <Space direction="vertical" size={2}>
                  {d.implementedBy.map((r) => (
                    <span key={String(r.id)}>{ref(r)}</span>
                  ))}
                </Space>
              </Descriptions.Item>
            )}
          </Descriptions>

          <Typography.Title level={5} style={{ marginTop: 20 }}>
            <PaperClipOutlined /> {t('directive.attachments')}
          </Typography.Title>
          <List
            size="small"
            bordered
            data-testid="directive-attachments"
            locale={{ emptyText: t('directive.noAttachments') }}
            dataSource={d.attachments ?? []}
            renderItem={(a) => (
              <List.Item
                actions={[
                  <Button
                    key="dl"
                    size="small"
                    icon={<DownloadOutlined />}
                    href={attachmentUrl(a)}
                    data-testid="attachment-download"
                  >
                    {t('common.download')}
                  </Button>,
                ]}
              >
                <List.Item.Meta
                  title={a.filename}
                  description={`${formatFileSize(a.size)} · ${a.createdBy} · ${formatDateTime(a.createdAt)} · SHA-256 ${a.sha256.slice(0, 12)}…`}
                />
              </List.Item>
            )}
          />
          {editable && can(PERM.directivesManage) && (
            <div style={{ marginTop: 8 }}>
              <FileUpload
                label={t('common.upload')}
                onPick={(f) => void send(f)}
                onProblem={(s) => message.error(s)}
                progress={progress}
                data-testid="directive-upload"
              />
            </div>
          )}

          <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginTop: 20, gap: 8, flexWrap: 'wrap' }}>
            <Typography.Title level={5} style={{ margin: 0 }}>
              {t('directive.tasks')}
            </Typography.Title>
            {editable && (
              <Button size="small" type="primary" icon={<PlusOutlined />} onClick={() => setTaskForm({ task: null })} data-testid="directive-add-task">
                {t('taskForm.add')}
              </Button>
            )}
          </div>
          <ListTable<Task>
            style={{ marginTop: 8 }}
            scroll={{ x: 720 }}
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={tasks.data?.items ?? []}
            loading={tasks.loading}
            data-testid="directive-tasks"
            locale={{ emptyText: t('directive.noTasks') }}
            columns={[
              { title: t('task.content'), key: 'title', render: (_: unknown, x) => `${x.code ? `${x.code}. ` : ''}${x.title}` },
              { title: t('task.lead'), dataIndex: 'leadAgency', width: 130, render: (a: AgencyRef) => a?.shortName || a?.name },
              { title: t('task.deadline'), key: 'due', width: 110, render: (_: unknown, x) => formatDate(x.currentDue ?? x.deadline?.dueDate) },
              { title: t('task.status'), key: 'st', width: 150, render: (_: unknown, x) => <TaskStatusTag task={x} /> },
              ...(editable
                ? [
                    {
                      title: t('common.actions'),
                      key: 'act',
                      width: 120,
                      render: (_: unknown, x: Task) => (
                        <DirectiveTaskActions task={x} onEdit={() => setTaskForm({ task: x })} onExtend={() => setExtending(x)} />
                      ),
                    },
                  ]
                : []),
            ]}
          />
          <div style={{ marginTop: 8 }}>
            <Link to="/tasks">{t('menu.tasks')} →</Link>
          </div>
        </>
      )}
    </Drawer>
  );
}
