// The header's bell: the caller's notifications (GET /api/notifications) with the unread count;
// a click opens the record and marks it read; "mark all read". Polled every minute.
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { Badge, Button, List, Popover, Typography } from 'antd';
import { NotificationOutlined } from '@ant-design/icons';
import { useI18n } from '../i18n';
import { useApi } from '../useApi';
import { myWorkApi, notificationLink } from '../api/myWork';
import { formatDateTime } from '../format';

export function NotificationBell() {
  const { t, lang } = useI18n();
  const [open, setOpen] = useState(false);
  const { data, reload } = useApi(myWorkApi.notifications({ pageSize: 20 }));
  useEffect(() => {
    const timer = window.setInterval(reload, 60_000);
    return () => window.clearInterval(timer);
  }, [reload]);
  const unread = data?.unread ?? 0;
  const read = async (id: number) => {
    await myWorkApi.read(id).catch(() => undefined);
    setOpen(false);
    reload();
  };
  const content = (
    <div style={{ width: 'min(420px, 85vw)' }} data-testid="notifications-list">
      {unread > 0 && (
        <Button
          size="small"
          type="link"
          data-testid="notifications-read-all"
          onClick={() => void myWorkApi.readAll().then(reload)}
        >
          {t('notif.readAll')}
        </Button>
      )}
      <List
        size="small"
        dataSource={data?.items ?? []}
        locale={{ emptyText: t('notif.none') }}
        renderItem={(n) => (
          <List.Item data-testid="notification" style={{ fontWeight: n.readAt ? 'normal' : 600 }}>
            <div>
              <Link to={notificationLink(n)} onClick={() => void read(n.id)}>
                {lang === 'vi' ? n.titleVi : n.titleEn}
              </Link>
              <div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatDateTime(n.createdAt)}
                  {!n.readAt && ` · ${t('notif.unread')}`}
                </Typography.Text>
              </div>
            </div>
          </List.Item>
        )}
      />
    </div>
  );
  return (
    <Popover open={open} onOpenChange={setOpen} trigger="click" placement="bottomRight" title={t('notif.title')} content={content}>
      <Badge count={unread} size="small" data-testid="notifications-badge">
        <Button icon={<NotificationOutlined />} aria-label={t('notif.title')} title={t('notif.title')} data-testid="notifications-bell" />
      </Badge>
    </Popover>
  );
}
