// The "Nhóm" tab of a record: the clubs and peer groups the person belongs or belonged to.
import { Link } from 'react-router-dom';
import { Tag } from 'antd';
import type { Case } from '../../api/cases';
import { caseGroupApi, type CaseMembership } from '../../api/caseSupport';
import { formatDate } from '../../format';
import { useI18n } from '../../i18n';
import { useApi } from '../../useApi';
import { ErrorAlert } from '../../components/ResultPages';
import { ListTable } from '../../components/list';

export default function CaseGroupsTab({ rec }: { rec: Case }) {
  const { t } = useI18n();
  const { data, error, loading, reload } = useApi(caseGroupApi.ofCase(rec.id));
  return (
    <div>
      <ErrorAlert error={error} onRetry={reload} />
      <ListTable<CaseMembership>
        rowKey="id"
        size="small"
        loading={loading}
        pagination={false}
        dataSource={data?.items ?? []}
        locale={{ emptyText: t('caseGroups.noMemberships') }}
        data-testid="case-memberships"
        columns={[
          { title: t('caseGroups.name'), dataIndex: ['group', 'name'], render: (n: string, m) => <Link to={`/case-groups/${m.group.id}`}>{n}</Link> },
          {
            title: t('caseGroups.kind'),
            dataIndex: ['group', 'kind'],
            render: (k: string) => t(k === 'club' ? 'caseGroups.kind.club' : 'caseGroups.kind.peer_group'),
          },
          { title: t('caseGroups.joinedOn'), dataIndex: 'joinedOn', render: (d: string) => formatDate(d) },
          {
            title: t('caseGroups.leftOn'),
            dataIndex: 'leftOn',
            render: (d: string | null) => (d ? formatDate(d) : <Tag color="green">{t('caseGroups.current')}</Tag>),
          },
        ]}
      />
    </div>
  );
}
