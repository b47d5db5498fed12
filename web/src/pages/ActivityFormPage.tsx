// /activities/new ("Ghi nhận nhanh") and /activities/:id/edit — one activity and the people it
// reached, made to be filled in by a commune officer in under a minute: the signed-in user's unit,
// agency and today are the defaults, a previous activity can be copied, and the draft is kept in
// localStorage on every change (restored on reload, dropped after a successful save) so a lost
// connection loses nothing. Every rule of the contract is checked field by field as you type
// (src/activities.ts); the server's own faults land on the fields they name.
import { Link, useParams } from 'react-router-dom';
import { Card, Space } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { activityReads } from '../api/activities';
import { useI18n } from '../i18n';
import { useSession } from '../session';
import { useApi } from '../useApi';
import { ErrorAlert } from '../components/ResultPages';
import { ActivityForm } from './activityForm/ActivityForm';

export default function ActivityFormPage() {
  const { id } = useParams();
  const editing = id !== undefined;
  const { me } = useSession();
  const { t } = useI18n();
  const existing = useApi(editing ? activityReads.one(id) : null);

  if (!me) return null;
  if (editing) {
    if (existing.error) return <ErrorAlert error={existing.error} onRetry={existing.reload} />;
    if (!existing.data) return <Card loading />;
  }
  return (
    <div>
      <Space style={{ marginBottom: 8 }}>
        <Link to="/activities">
          <ArrowLeftOutlined /> {t('activity.back')}
        </Link>
      </Space>
      <ActivityForm key={editing ? `${id}:${existing.data?.version}` : 'new'} activity={editing ? existing.data! : null} />
    </div>
  );
}

