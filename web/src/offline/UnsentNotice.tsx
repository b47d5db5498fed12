// On the sign-in page after a session ended with items unsent: how many would be lost, sign in
// again (same account) to send them, or delete them knowingly. Never a silent wipe.
import { Alert, Button, Popconfirm } from 'antd';
import { useI18n } from '../i18n';
import { useSession } from '../session';

export function UnsentNotice() {
  const { t } = useI18n();
  const { unsentAtEnd, discardUnsent } = useSession();
  if (unsentAtEnd <= 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="unsent-notice"
      message={t('offline.unsentAtEnd', { n: unsentAtEnd })}
      description={
        <Popconfirm title={t('offline.discardAllConfirm', { n: unsentAtEnd })} onConfirm={() => void discardUnsent()}>
          <Button size="small" danger style={{ marginTop: 4 }}>
            {t('offline.discardAll', { n: unsentAtEnd })}
          </Button>
        </Popconfirm>
      }
    />
  );
}
