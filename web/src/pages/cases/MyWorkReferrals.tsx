// "Việc của tôi": the support referrals waiting for the caller's agency (issue 16; the role
// referral_focal_point). Client codes only, linking to the inbox; nothing for other roles.
import { Link } from 'react-router-dom';
import { Badge, Card, List, Space, Tag, Typography } from 'antd';
import { PERM } from '../../api/types';
import type { ReferralInboxItem } from '../../api/caseSupport';
import { formatDate } from '../../format';
import { useI18n } from '../../i18n';
import { useSession } from '../../session';

export function MyWorkReferrals({ items, loading }: { items: ReferralInboxItem[] | undefined; loading: boolean }) {
  const { t } = useI18n();
  const { can } = useSession();
  if (!can(PERM.casesReferralsReceive)) return null;
  const list = items ?? [];
  return (
    <Card
      size="small"
      data-testid="my-work-referrals"
      title={
        <Space>
          {t('myWork.referrals')}
          <Badge count={list.length} showZero color={list.length ? '#1677ff' : '#bfbfbf'} />
        </Space>
      }
      style={{ marginBottom: 12 }}
    >
      <List
        loading={loading}
        dataSource={list}
        locale={{ emptyText: <Typography.Text type="secondary">{t('myWork.nothing')}</Typography.Text> }}
        renderItem={(r) => (
          <List.Item data-testid="my-work-referral">
            <List.Item.Meta title={<Link to="/referrals/inbox">{r.code}</Link>} description={r.reason} />
            <Tag color={r.overdue ? 'red' : 'orange'}>
              {r.overdue ? t('caseSupport.referral.overdue') : t('myWork.due', { date: formatDate(r.dueOn) })}
            </Tag>
          </List.Item>
        )}
      />
    </Card>
  );
}
