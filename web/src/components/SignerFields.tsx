// The signer of an official document (Decree 30 signature block: authority and title, then the
// name), prefilled from the profile, editable before a download; "Lưu vào hồ sơ" keeps it on the
// profile (PUT /api/me/signer). The values go on the download's query (signerTitle, signerName).
import { useEffect, useState } from 'react';
import { App, Button, Input, Space, Typography } from 'antd';
import type { Me } from '../api/types';
import { useI18n } from '../i18n';
import { useSession } from '../session';
import { sessionApi } from '../api/session';

export interface Signer {
  signerTitle: string;
  signerName: string;
}

/** The query parameters of a download for a signer (empty fields are left out: the profile's). */
export function signerQuery(s: Signer): Record<string, string> {
  const q: Record<string, string> = {};
  if (s.signerTitle.trim()) q.signerTitle = s.signerTitle.trim();
  if (s.signerName.trim()) q.signerName = s.signerName.trim();
  return q;
}

export function SignerFields({ value, onChange }: { value: Signer; onChange: (s: Signer) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { reload } = useSession();
  const [saving, setSaving] = useState(false);
  return (
    <Space wrap align="start" data-testid="signer-fields">
      <Space direction="vertical" size={0}>
        <Typography.Text type="secondary">{t('signer.title')}</Typography.Text>
        <Input.TextArea
          value={value.signerTitle}
          onChange={(e) => onChange({ ...value, signerTitle: e.target.value })}
          autoSize={{ minRows: 2, maxRows: 3 }}
          maxLength={180}
          placeholder={t('signer.titlePlaceholder')}
          style={{ width: 240 }}
          data-testid="signer-title"
        />
      </Space>
      <Space direction="vertical" size={0}>
        <Typography.Text type="secondary">{t('signer.name')}</Typography.Text>
        <Input
          value={value.signerName}
          onChange={(e) => onChange({ ...value, signerName: e.target.value })}
          maxLength={100}
          style={{ width: 220 }}
          data-testid="signer-name"
        />
      </Space>
      <Button
        style={{ marginTop: 22 }}
        loading={saving}
        data-testid="signer-save"
        onClick={async () => {
          setSaving(true);
          try {
            await sessionApi.setSigner(value);
            await reload();
            message.success(t('signer.saved'));
          } catch (e) {
            message.error(e instanceof Error ? e.message : String(e));
          } finally {
            setSaving(false);
          }
        }}
      >
        {t('signer.save')}
      </Button>
    </Space>
  );
}

/** The signer state of a page, prefilled from the profile once it is known. */
export function useSigner(me: Me | null): [Signer, (s: Signer) => void] {
  const [s, setS] = useState<Signer>({ signerTitle: me?.signerTitle ?? '', signerName: me?.signerName ?? '' });
  useEffect(() => {
    if (me) setS({ signerTitle: me.signerTitle ?? '', signerName: me.signerName ?? '' });
  }, [me?.signerTitle, me?.signerName]); // eslint-disable-line react-hooks/exhaustive-deps
  return [s, setS];
}
