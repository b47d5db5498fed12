// One violation of the record: its topic, the legal reference in force on the inspection day
// (resolved by the server, so changing the date switches e.g. Decree 144/2021 → 282/2025 before
// the user's eyes), the fine against the reference's range, and the sanction decision.
import { Alert, Button, Card, Descriptions, Input, InputNumber, Select, Typography } from 'antd';
import { DeleteOutlined } from '@ant-design/icons';
import { inspectionApi, type LegalReference, type ViolationTopic } from '../../api/inspections';
import { fineOutOfRange, fineRange, legalCitation, validityText, type ViolationDraft } from '../../inspections';
import { formatDate } from '../../format';
import { useI18n } from '../../i18n';
import { useApi } from '../../useApi';

/** Thousands grouped with "." while typing a fine (1.234.567). */
export const moneyFormatter = (v: number | string | undefined) =>
  v === undefined || v === '' ? '' : String(v).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
export const moneyParser = (v: string | undefined) => Number((v ?? '').replace(/[^\d]/g, '')) as unknown as number;

export function topicName(topics: ViolationTopic[], code: string, lang: 'vi' | 'en'): string {
  const x = topics.find((tp) => tp.code === code);
  return x ? (lang === 'en' ? x.nameEn || x.nameVi : x.nameVi) : code;
}

export function LegalRefView({ topic, on, known }: { topic: string; on: string; known?: LegalReference | null }) {
  const { t, lang, errText } = useI18n();
  // A saved final record shows the reference it keeps; a draft resolves it for the current date.
  const { data, error, loading } = useApi(known || !topic || !on ? null : inspectionApi.resolve(topic, on));
  const ref = known ?? data;
  if (!topic) return null;
  if (error) return <Alert type="warning" showIcon message={errText(error)} data-testid="legal-ref-missing" />;
  if (!ref) return loading ? <Typography.Text type="secondary">…</Typography.Text> : null;
  return (
    <Descriptions
      size="small"
      column={1}
      bordered
      data-testid="legal-ref"
      style={{ marginBottom: 8 }}
      items={[
        { key: 'i', label: t('insp.legal.instrument'), children: <strong data-testid="legal-ref-instrument">{legalCitation(ref, lang)}</strong> },
        { key: 't', label: t('insp.legal.title'), children: lang === 'en' ? ref.titleEn || ref.titleVi : ref.titleVi },
        { key: 'f', label: t('insp.legal.fine'), children: fineRange(ref) || '—' },
        { key: 'v', label: t('insp.legal.validity'), children: `${validityText(ref)} (${t('insp.legal.on', { date: formatDate(on) })})` },
      ]}
    />
  );
}

export function ViolationCard({ v, index, topics, on, known, readOnly, onChange, onRemove }: {
  v: ViolationDraft;
  index: number;
  topics: ViolationTopic[];
  on: string;
  known?: LegalReference | null;
  readOnly: boolean;
  onChange: (v: ViolationDraft) => void;
  onRemove: () => void;
}) {
  const { t, lang } = useI18n();
  const { data: ref } = useApi(known || !v.topic || !on ? null : inspectionApi.resolve(v.topic, on));
  const range = known ?? ref;
  return (
    <Card
      size="small"
      style={{ marginBottom: 12 }}
      title={`${t('insp.violation')} ${index + 1}`}
      extra={!readOnly && <Button size="small" danger icon={<DeleteOutlined />} onClick={onRemove} aria-label={t('insp.remove')} />}
      data-testid="violation-card"
    >
      <label className="lg-field-label">{t('insp.topic')}</label>
      <Select
        style={{ width: '100%', marginBottom: 8 }}
        value={v.topic || undefined}
        placeholder={t('insp.topicPick')}
        showSearch
        optionFilterProp="label"
        onChange={(topic: string) => onChange({ ...v, topic })}
        options={topics.filter((x) => x.active || x.code === v.topic).map((x) => ({ value: x.code, label: lang === 'en' ? x.nameEn || x.nameVi : x.nameVi }))}
        data-testid="violation-topic"
      />
      <LegalRefView topic={v.topic} on={on} known={known} />
      <label className="lg-field-label">{t('insp.description')}</label>
      <Input.TextArea rows={2} maxLength={2000} value={v.description} onChange={(e) => onChange({ ...v, description: e.target.value })} style={{ marginBottom: 8 }} data-testid="violation-description" />
      <label className="lg-field-label">{t('insp.fineAmount')}</label>
      <InputNumber<number>
        style={{ width: '100%', marginBottom: 4 }}
        min={0}
        max={10_000_000_000}
        step={500_000}
        value={v.fineAmount}
        formatter={moneyFormatter}
        parser={moneyParser}
        addonAfter="đ"
        onChange={(n) => onChange({ ...v, fineAmount: n ?? null })}
        data-testid="violation-fine"
      />
      {fineOutOfRange(v.fineAmount, range) && (
        <Typography.Paragraph type="warning" style={{ marginBottom: 8 }} data-testid="violation-fine-warning">{t('insp.fineOutOfRange')}</Typography.Paragraph>
      )}
      <label className="lg-field-label">{t('insp.sanctionDecision')}</label>
      <Input maxLength={200} value={v.sanctionDecision} onChange={(e) => onChange({ ...v, sanctionDecision: e.target.value })} data-testid="violation-decision" />
    </Card>
  );
}
