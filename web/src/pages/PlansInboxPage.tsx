// /plans/inbox: the submitted plans the caller may approve or return ("Chờ phê duyệt").
import { Typography } from 'antd';
import { useI18n } from '../i18n';
import { useApi } from '../useApi';
import { planApi } from '../api/plans';
import { ErrorAlert } from '../components/ResultPages';
import { PlansTable } from './PlansPage';

export default function PlansInboxPage() {
  const { t } = useI18n();
  const { data, loading, error, reload } = useApi(planApi.inbox());
  return (
    <div>
      <Typography.Title level={3} className="lg-page-title">
        {t('inbox.title')}
      </Typography.Title>
      <ErrorAlert error={error} onRetry={reload} />
      <PlansTable data={data} loading={loading} testId="inbox-table" />
      {!loading && !error && data && data.items.length === 0 && (
        <Typography.Text type="secondary">{t('inbox.empty')}</Typography.Text>
      )}
    </div>
  );
}
