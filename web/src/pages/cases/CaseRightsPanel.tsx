// The person's rights (docs/api-cases.md "The person's rights"): the export of the person's data
// (JSON or Excel; the identity only with a reason, as an audited reveal by the assigned worker or
// supervisor) and anonymisation by a supervisor (a reason, then a confirmation: it cannot be
// undone). An anonymised record says so and offers only the export of what is left.
import { useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Form, Input, Modal, Space, Typography } from 'antd';
import { DownloadOutlined, StopOutlined } from '@ant-design/icons';
import { PERM } from '../../api/types';
import type { Case } from '../../api/cases';
import { caseRightsApi, RIGHTS_REASON_MAX, RIGHTS_REASON_MIN, saveJson } from '../../api/caseRights';
import { useI18n } from '../../i18n';
import { useSession } from '../../session';
import { ErrorAlert } from '../../components/ResultPages';

const reasonOk = (r: string) => r.trim().length >= RIGHTS_REASON_MIN && r.trim().length <= RIGHTS_REASON_MAX;

export default function CaseRightsPanel({ rec, assigned, onChanged }: { rec: Case; assigned: boolean; onChanged: () => void }) {
  const { t } = useI18n();
  const { can } = useSession();
  const anonymised = rec.status === 'anonymised';
  const mayIdentity = assigned && can(PERM.casesReveal) && !anonymised;
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="case-rights">
      <Typography.Paragraph type="secondary">{t('caseRights.intro')}</Typography.Paragraph>
      {anonymised && <Alert type="info" showIcon message={t('caseRights.anonymised')} data-testid="case-rights-anonymised" />}
      {can(PERM.casesRecord) && <ExportCard rec={rec} mayIdentity={mayIdentity} />}
      {can(PERM.casesSupervise) && !anonymised && <AnonymiseCard rec={rec} onDone={onChanged} />}
    </Space>
  );
}

function ExportCard({ rec, mayIdentity }: { rec: Case; mayIdentity: boolean }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [identity, setIdentity] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState<'' | 'json' | 'xlsx'>('');
  const [error, setError] = useState<unknown>(null);
  const body = identity ? { includeIdentity: true, reason: reason.trim() } : {};
  const ready = !identity || reasonOk(reason);

  const run = async (kind: 'json' | 'xlsx') => {
    setBusy(kind);
    setError(null);
    try {
      if (kind === 'json') saveJson(await caseRightsApi.exportJson(rec.id, body), `ho-so-${rec.code}.json`);
      else await caseRightsApi.exportXlsx(rec.id, body, rec.code);
      message.success(t('caseRights.exported'));
    } catch (e) {
      setError(e);
    } finally {
      setBusy('');
    }
  };

  return (
    <Card size="small" title={t('caseRights.export')}>
      <ErrorAlert error={error} />
      <Typography.Paragraph type="secondary">{t('caseRights.exportHelp')}</Typography.Paragraph>
      {mayIdentity && (
        <>
          <Checkbox checked={identity} onChange={(e) => setIdentity(e.target.checked)} data-testid="case-rights-identity">
            {t('caseRights.includeIdentity')}
          </Checkbox>
          {identity && (
            <Form layout="vertical" style={{ marginTop: 8 }}>
              <Form.Item label={t('caseRights.identityReason')} help={t('caseRights.noNumbers')}>
                <Input.TextArea
                  rows={2}
                  maxLength={RIGHTS_REASON_MAX}
                  showCount
                  value={reason}
                  onChange={(e) => setReason(e.target.value)}
                  data-testid="case-rights-reason"
                />
              </Form.Item>
            </Form>
          )}
        </>
      )}
      <Space wrap style={{ marginTop: 8 }}>
        <Button icon={<DownloadOutlined />} disabled={!ready} loading={busy === 'json'} onClick={() => run('json')} data-testid="case-rights-json">
          {t('caseRights.exportJson')}
        </Button>
        <Button icon={<DownloadOutlined />} disabled={!ready} loading={busy === 'xlsx'} onClick={() => run('xlsx')} data-testid="case-rights-xlsx">
          {t('caseRights.exportXlsx')}
        </Button>
      </Space>
    </Card>
  );
}

function AnonymiseCard({ rec, onDone }: { rec: Case; onDone: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [sure, setSure] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const anonymise = async () => {
    setBusy(true);
    setError(null);
    try {
      await caseRightsApi.anonymise(rec.id, reason.trim(), rec.version);
      message.success(t('caseRights.anonymiseDone'));
      setOpen(false);
      onDone();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card size="small" title={t('caseRights.anonymise')}>
      <Typography.Paragraph type="secondary">{t('caseRights.anonymiseHelp')}</Typography.Paragraph>
      <Button danger icon={<StopOutlined />} onClick={() => setOpen(true)} data-testid="case-rights-anonymise">
        {t('caseRights.anonymise')}
      </Button>
      {open && (
        <Modal
          open
          title={t('caseRights.anonymiseTitle', { code: rec.code })}
          onCancel={() => setOpen(false)}
          destroyOnClose
          footer={
            <Space>
              <Button onClick={() => setOpen(false)}>{t('cases.cancel')}</Button>
              <Button
                type="primary"
                danger
                disabled={!sure || !reasonOk(reason)}
                loading={busy}
                onClick={anonymise}
                data-testid="case-rights-anonymise-submit"
              >
                {t('caseRights.anonymiseSubmit')}
              </Button>
            </Space>
          }
          data-testid="case-rights-anonymise-dialog"
        >
          <ErrorAlert error={error} />
          <Alert type="warning" showIcon message={t('caseRights.anonymiseWarning')} style={{ marginBottom: 12 }} />
          <Form layout="vertical">
            <Form.Item label={t('caseRights.anonymiseReason')} help={t('caseRights.noNumbers')}>
              <Input.TextArea
                rows={3}
                maxLength={RIGHTS_REASON_MAX}
                showCount
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                data-testid="case-rights-anonymise-reason"
              />
            </Form.Item>
          </Form>
          <Checkbox checked={sure} onChange={(e) => setSure(e.target.checked)} data-testid="case-rights-anonymise-sure">
            {t('caseRights.anonymiseSure')}
          </Checkbox>
        </Modal>
      )}
    </Card>
  );
}
