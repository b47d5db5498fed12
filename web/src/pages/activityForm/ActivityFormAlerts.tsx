// Above the form: the draft restored from this browser (with "discard"), and the save error
// (a conflict in plain words, the server's list of faults when there are several).
import { Alert, Button } from 'antd';
import { UndoOutlined } from '@ant-design/icons';
import { ApiError } from '../../api/api';
import type { StoredDraft } from '../../activities';
import { formatDateTime } from '../../format';
import { useI18n } from '../../i18n';

export function ActivityFormAlerts({
  restored,
  onDiscard,
  error,
}: {
  restored: StoredDraft | null;
  onDiscard: () => void;
  error: unknown;
}) {
  const { t, lang, errText } = useI18n();
  const conflict = error instanceof ApiError && error.status === 409;
  return (
    <>
      {restored && (
        <Alert
          type="info"
          showIcon
          style={{ margin: '12px 0' }}
          data-testid="activity-draft-restored"
          message={t('activity.draftRestored', { at: formatDateTime(restored.savedAt) })}
          action={
            <Button size="small" icon={<UndoOutlined />} onClick={onDiscard} data-testid="activity-draft-discard">
              {t('activity.draftDiscard')}
            </Button>
          }
        />
      )}
      {!!error && (
        <Alert
          type="error"
          showIcon
          style={{ margin: '12px 0' }}
          data-testid="activity-save-error"
          message={conflict ? t('error.conflict') : errText(error)}
          description={
            error instanceof ApiError && error.details.length > 1 ? (
              <ul style={{ margin: 0, paddingLeft: 20 }}>
                {error.details.map((d, i) => (
                  <li key={i}>{lang === 'en' ? d.messageEn || d.message : d.message || d.messageEn}</li>
                ))}
              </ul>
            ) : undefined
          }
        />
      )}
    </>
  );
}
