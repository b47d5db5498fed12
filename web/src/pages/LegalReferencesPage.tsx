// /legal-references: the dated legal reference table (căn cứ xử phạt, docs/api-inspections.md):
// each row valid from–to, so a violation is coded to the decree in force on its day (e.g.
// Decree 144/2021 until 14/12/2025, 282/2025 after). Filter by topic and by a day; import
// (validate → errors per row → commit) under legal_refs.manage.
import { useState } from 'react';
import { Button, DatePicker, Modal, Select, Space, Tag, Typography } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { inspectionApi, itemsOf, type LegalReference } from '../api/inspections';
import { PERM } from '../api/types';
import { fineRange, legalCitation } from '../inspections';
import { formatDate, todayIso } from '../format';
import { useI18n } from '../i18n';
import { useSession } from '../session';
import { useApi } from '../useApi';
import { ErrorAlert } from '../components/ResultPages';
import { ListTable } from '../components/list';
import { DATE_FORMAT, dayjsToIso, isoToDayjs } from '../components/dates';
import { ImportPanel } from './inspections/ImportPanel';
import { topicName } from './inspections/ViolationCard';

const COLUMNS = 'code, instrument, article, clause, point, topic, titleVi, titleEn, fineMin, fineMax, validFrom, validTo, sourceNote';

export default function LegalReferencesPage() {
  const { t, lang } = useI18n();
  const { can } = useSession();
  const [topic, setTopic] = useState<string | undefined>();
  const [on, setOn] = useState<string | undefined>(todayIso());
  const [importing, setImporting] = useState(false);
  const { data: topicList } = useApi(inspectionApi.topics());
  const topics = itemsOf(topicList);
  const { data, error, loading, reload } = useApi(inspectionApi.legalReferences({ topic, on }));
  const rows = [...itemsOf(data)].sort((a, b) => a.topic.localeCompare(b.topic) || a.validFrom.localeCompare(b.validFrom));
  const inForce = (r: LegalReference) => {
    const day = on ?? todayIso();
    return r.validFrom <= day && (r.validTo === null || r.validTo >= day);
  };
  return (
    <div style={{ maxWidth: 1100 }}>
      <Space style={{ justifyContent: 'space-between', width: '100%', flexWrap: 'wrap' }}>
        <Typography.Title level={3} className="lg-page-title">{t('legal.title')}</Typography.Title>
        {can(PERM.legalRefsManage) && (
          <Button icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="legal-import">{t('legal.import')}</Button>
        )}
      </Space>
      <Typography.Paragraph type="secondary">{t('legal.hint')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select allowClear style={{ width: 260, maxWidth: '100%' }} placeholder={t('insp.topic')} value={topic} onChange={setTopic}
          options={topics.map((x) => ({ value: x.code, label: lang === 'en' ? x.nameEn || x.nameVi : x.nameVi }))} data-testid="legal-topic" />
        <DatePicker format={DATE_FORMAT} value={isoToDayjs(on)} placeholder={t('legal.allDates')}
          onChange={(d) => setOn(dayjsToIso(d))} data-testid="legal-on" />
        <Typography.Text type="secondary">{on ? t('legal.validOn', { date: formatDate(on) }) : t('legal.allRows')}</Typography.Text>
      </Space>
      <ErrorAlert error={error} onRetry={reload} />
      <ListTable<LegalReference>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={rows}
        pagination={{ pageSize: 30 }}
        locale={{ emptyText: t('legal.empty') }}
        data-testid="legal-table"
        columns={[
          { title: t('legal.instrument'), key: 'cite', render: (_: unknown, r) => <strong>{legalCitation(r, lang)}</strong> },
          { title: t('insp.topic'), dataIndex: 'topic', render: (c: string) => topicName(topics, c, lang) },
          { title: t('legal.titleCol'), key: 'title', render: (_: unknown, r) => (lang === 'en' ? r.titleEn || r.titleVi : r.titleVi) },
          { title: t('insp.legal.fine'), key: 'fine', render: (_: unknown, r) => fineRange(r) || '—' },
          {
            title: t('insp.legal.validity'),
            key: 'valid',
            render: (_: unknown, r) => (
              <Space size={4} wrap>
                <span>{formatDate(r.validFrom)} – {formatDate(r.validTo)}</span>
                {inForce(r) && <Tag color="green">{t('legal.inForce')}</Tag>}
              </Space>
            ),
          },
          { title: t('legal.code'), dataIndex: 'code' },
        ]}
      />
      {importing && (
        <Modal open title={t('legal.import')} footer={null} onCancel={() => setImporting(false)} width={720} destroyOnClose>
          <ImportPanel columns={COLUMNS} testId="legal-import-panel" send={inspectionApi.importLegalReferences} onCommitted={() => reload()} />
        </Modal>
      )}
    </div>
  );
}
