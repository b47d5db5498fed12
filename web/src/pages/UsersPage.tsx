// /users: the users inside the caller's scope; add, edit and reset passwords with users.manage.
import { useState } from 'react';
import { Button, Form, Select, Space, Tag, Typography } from 'antd';
import { ApiOutlined, EditOutlined, KeyOutlined, PlusOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { PERM, type AgencyRef, type OrgUnitRef, type User } from '../api/types';
import { localName, useI18n } from '../i18n';
import { useRoles } from '../reference';
import { useSession } from '../session';
import { useApi } from '../useApi';
import { userApi } from '../api/users';
import { ErrorAlert } from '../components/ResultPages';
import { OrgUnitSelect } from '../components/OrgUnitSelect';
import { FilterBar, SearchFilter, useListState, type ListSpec, ListTable } from '../components/list';
import { UserFormModal } from './UserFormModal';
import { ResetPasswordModal } from './ResetPasswordModal';

interface Filters {
  q?: string;
  role?: string;
  orgUnit?: string;
  active?: 'true' | 'false';
}

const LIST: ListSpec<Filters> = {
  filters: { q: 'string', role: 'string', orgUnit: 'string', active: 'string' },
  sorts: ['username', 'fullName', 'createdAt'],
  defaultSort: 'username',
};

export default function UsersPage() {
  const { t, lang } = useI18n();
  const { can } = useSession();
  const roles = useRoles();
  const manage = can(PERM.usersManage);

  const list = useListState(LIST);
  const { filters, setFilters: update } = list;
  const [editing, setEditing] = useState<User | null>(null);
  const [formOpen, setFormOpen] = useState(false);
  const [resetting, setResetting] = useState<User | null>(null);

  const { data, loading, error, reload } = useApi(userApi.list(list.query));
  const roleName = (code: string) => localName(roles.find((r) => r.code === code), lang, code);

  return (
    <div>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} align="start">
        <Typography.Title level={3} className="lg-page-title">
          {t('users.title')}
        </Typography.Title>
        {manage && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            data-testid="user-create"
            onClick={() => {
              setEditing(null);
              setFormOpen(true);
            }}
          >
            {t('users.create')}
          </Button>
        )}
      </Space>
      <FilterBar onClear={list.clearFilters} showClear={list.filtering}>
        <SearchFilter value={filters.q} onSearch={(q) => update({ q })} placeholder={t('users.searchPlaceholder')} width={300} data-testid="users-search" />
        <Form.Item label={t('users.filterRole')}>
          <Select
            allowClear
            style={{ width: 220 }}
            placeholder={t('common.all')}
            value={filters.role}
            onChange={(role?: string) => update({ role })}
            options={roles.map((r) => ({ value: r.code, label: localName(r, lang, r.code) }))}
            data-testid="users-filter-role"
          />
        </Form.Item>
        <Form.Item label={t('users.orgUnit')}>
          <OrgUnitSelect
            allowClear
            value={filters.orgUnit}
            onChange={(orgUnit) => update({ orgUnit })}
            style={{ width: 260 }}
            data-testid="users-filter-orgunit"
          />
        </Form.Item>
        <Form.Item label={t('users.filterActive')}>
          <Select
            allowClear
            style={{ width: 160 }}
            placeholder={t('common.all')}
            value={filters.active}
            onChange={(active?: 'true' | 'false') => update({ active })}
            options={[
              { value: 'true', label: t('users.activeYes') },
              { value: 'false', label: t('users.activeNo') },
            ]}
            data-testid="users-filter-active"
          />
        </Form.Item>
      </FilterBar>
      <ErrorAlert error={error} onRetry={reload} />
      <ListTable<User>
        rowKey="id"
        size="middle"
        loading={loading}
        dataSource={data?.items ?? []}
        data-testid="users-table"
        scroll={{ x: 1000 }}
        pagination={list.pagination(data?.total)}
        onChange={list.onTableChange}
        columns={[
          { title: t('users.username'), dataIndex: 'username', sorter: true, sortOrder: list.sortOrder('username'), width: 150 },
          { title: t('users.fullName'), dataIndex: 'fullName', sorter: true, sortOrder: list.sortOrder('fullName') },
          {
            title: t('users.orgUnit'),
            dataIndex: 'orgUnit',
            render: (u: OrgUnitRef | null) => (u ? `${u.name} (${u.code})` : '—'),
          },
          { title: t('users.agency'), dataIndex: 'agency', render: (a: AgencyRef | null) => a?.name ?? '—' },
          {
            title: t('users.roles'),
            dataIndex: 'roles',
            render: (rs: string[]) => (
              <Space size={[4, 4]} wrap>
                {rs.map((r) => (
                  <Tag key={r}>{roleName(r)}</Tag>
                ))}
              </Space>
            ),
          },
          {
            title: t('users.active'),
            dataIndex: 'active',
            width: 130,
            render: (a: boolean) =>
              a ? <Tag color="green">{t('users.activeYes')}</Tag> : <Tag color="default">{t('users.activeNo')}</Tag>,
          },
          ...(manage
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  width: 150,
                  render: (_: unknown, u: User) => (
                    <Space size={4}>
                      <Button
                        size="small"
                        icon={<EditOutlined />}
                        title={t('users.edit')}
                        aria-label={t('users.edit')}
                        data-testid="user-edit"
                        onClick={() => {
                          setEditing(u);
                          setFormOpen(true);
                        }}
                      />
                      <Button
                        size="small"
                        icon={<KeyOutlined />}
                        title={t('users.resetPassword')}
                        aria-label={t('users.resetPassword')}
                        data-testid="user-reset-password"
                        onClick={() => setResetting(u)}
                      />
                      <Link to={`/account/tokens?user=${u.id}`} title={t('users.tokens')} aria-label={t('users.tokens')} data-testid="user-tokens">
                        <Button size="small" icon={<ApiOutlined />} />
                      </Link>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      {manage && (
        <>
          <UserFormModal
            open={formOpen}
            user={editing}
            roles={roles}
            onClose={() => setFormOpen(false)}
            onSaved={reload}
          />
          <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />
        </>
      )}
    </div>
  );
}
