// Friendly full-page answers for 403 and 404, and the inline error banner every page uses.
import { Alert, Button, Result } from 'antd';
import { Link } from 'react-router-dom';
import { ApiError } from '../api/api';
import { useI18n } from '../i18n';

export function Forbidden() {
  const { t } = useI18n();
  return (
    <div data-testid="forbidden">
      <Result
        status="403"
        title="403"
        subTitle={t('result.forbidden')}
        extra={
          <Link to="/org-units">
            <Button type="primary">{t('common.backHome')}</Button>
          </Link>
        }
      />
    </div>
  );
}

export function NotFound() {
  const { t } = useI18n();
  return (
    <div data-testid="not-found">
      <Result
        status="404"
        title="404"
        subTitle={t('result.notFound')}
        extra={
          <Link to="/org-units">
            <Button type="primary">{t('common.backHome')}</Button>
          </Link>
        }
      />
    </div>
  );
}

/**
 * A failed load: a 403 becomes the Forbidden page, anything else an error banner in the
 * current language with a retry button when one is given.
 */
export function ErrorAlert({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t, errText } = useI18n();
  if (!error) return null;
  if (error instanceof ApiError && error.status === 403 && error.code === 'forbidden') return <Forbidden />;
  return (
    <Alert
      type="error"
      showIcon
      data-testid="api-error"
      message={errText(error)}
      style={{ marginBottom: 16 }}
      action={
        onRetry ? (
          <Button size="small" onClick={onRetry}>
            {t('common.reload')}
          </Button>
        ) : undefined
      }
    />
  );
}
