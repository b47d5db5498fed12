// "Đang ngoại tuyến — N mục chờ gửi": shown on every page while the network is down, and while
// items are still unsent once it is back (with the way to the outbox).
import { Alert, Button } from 'antd';
import { CloudOutlined, DisconnectOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { useI18n } from '../i18n';
import { useSession } from '../session';
import { useOffline } from './OfflineProvider';

export function OfflineBanner() {
  const { t } = useI18n();
  const { online, unsent, counts } = useOffline();
  const { offlineSession } = useSession();
  const navigate = useNavigate();
  const open = (
    <Button size="small" onClick={() => navigate('/offline')} data-testid="offline-open">
      {t('offline.open')}
    </Button>
  );
  if (!online)
    return (
      <Alert
        type="warning"
        showIcon
        icon={<DisconnectOutlined />}
        banner
        data-testid="offline-banner"
        message={t('offline.banner', { n: counts.waiting + counts.error + counts.conflict })}
        description={offlineSession ? t('offline.bannerOfflineSession') : undefined}
        action={open}
      />
    );
  if (unsent > 0)
    return (
      <Alert
        type={counts.conflict + counts.error > 0 ? 'error' : 'info'}
        showIcon
        icon={<CloudOutlined />}
        banner
        data-testid="offline-pending"
        message={t('offline.bannerOnline', { n: unsent })}
        action={open}
      />
    );
  return null;
}
