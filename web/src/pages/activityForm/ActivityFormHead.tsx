// The head of the quick-entry form: its title, where the draft stands, and "copy a previous
// activity" (the caller's recent ones) for a new activity.
import { Button, Dropdown, Space, Typography } from 'antd';
import { CopyOutlined } from '@ant-design/icons';
import type { RecentActivity } from '../../api/types';
import { formatDate, formatDateTime } from '../../format';
import { useI18n } from '../../i18n';

export function ActivityFormHead({
  editing,
  draftAt,
  recent,
  recentLoading,
  onCopy,
}: {
  editing: boolean;
  /** When the draft was last kept (ISO), or null. */
  draftAt: string | null;
  recent: RecentActivity[];
  recentLoading: boolean;
  onCopy: (r: RecentActivity) => void;
}) {
  const { t } = useI18n();
  return (
    <Space style={{ width: '100%', justifyContent: 'space-between' }} align="start" wrap>
      <Space direction="vertical" size={0}>
        <Typography.Title level={3} className="lg-page-title" style={{ marginBottom: 0 }}>
          {editing ? t('activity.editTitle') : t('activity.quickEntryTitle')}
        </Typography.Title>
        <Typography.Text type="secondary" data-testid="activity-draft-status">
          {draftAt ? t('activity.draftKept', { at: formatDateTime(draftAt) }) : t('activity.draftHint')}
        </Typography.Text>
      </Space>
      {!editing && (
        <Dropdown
          trigger={['click']}
          menu={{
            items: recent.length
              ? recent.map((r, i) => ({
                  key: String(r.id ?? i),
                  label: (
                    <span data-testid="activity-copy-item">
                      {r.startDate ? `${formatDate(r.startDate)} · ` : ''}
                      {r.title}
                    </span>
                  ),
                  onClick: () => onCopy(r),
                }))
              : [{ key: 'none', label: recentLoading ? t('common.loading') : t('activity.noRecent'), disabled: true }],
          }}
        >
          <Button icon={<CopyOutlined />} data-testid="activity-copy">
            {t('activity.copyPrevious')}
          </Button>
        </Dropdown>
      )}
    </Space>
  );
}
