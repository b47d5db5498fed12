// Map boundaries (docs/api-boundaries.md): the administrator uploads a GeoJSON FeatureCollection
// of provinces or communes; features are matched to units by official code and simplified; the
// answer lists what matched and why the rest did not. The dashboard's maps draw what is stored.
import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Progress, Radio, Space, Table, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { boundaryApi, type BoundaryImportResult } from '../api/api';
import { ApiError } from '../api/errors';
import { formatNumber } from '../format';
import { useI18n } from '../i18n';

export default function BoundariesPage() {
  const { t, lang } = useI18n();
  const [level, setLevel] = useState<'province' | 'commune'>('province');
  const [progress, setProgress] = useState<number | null>(null);
  const [result, setResult] = useState<BoundaryImportResult | null>(null);
  const [error, setError] = useState<string | null>(null);

  const send = async (file: File) => {
    setError(null);
    setResult(null);
    setProgress(0);
    try {
      setResult(await boundaryApi.upload(level, file, setProgress));
    } catch (e) {
      setError(e instanceof ApiError ? (lang === 'vi' ? e.messageVi || e.message : e.messageEn || e.message) : String(e));
    } finally {
      setProgress(null);
    }
  };

  return (
    <div data-testid="boundaries-page">
      <Typography.Title level={3}>{t('geo.title')}</Typography.Title>
      <Card>
        <Typography.Paragraph type="secondary">{t('geo.hint')}</Typography.Paragraph>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Radio.Group value={level} onChange={(e) => setLevel(e.target.value)} data-testid="geo-level">
            <Radio.Button value="province">{t('geo.province')}</Radio.Button>
            <Radio.Button value="commune">{t('geo.commune')}</Radio.Button>
          </Radio.Group>
          <Upload accept=".geojson,.json,application/geo+json,application/json" showUploadList={false}
            beforeUpload={(file) => { void send(file as File); return false; }}>
            <Button icon={<UploadOutlined />} loading={progress !== null} data-testid="geo-upload">{t('geo.upload')}</Button>
          </Upload>
          {progress !== null && <Progress percent={Math.round(progress)} data-testid="geo-progress" />}
          {error && <Alert type="error" showIcon message={error} data-testid="geo-error" />}
        </Space>
      </Card>
      {result && (
        <Card style={{ marginTop: 16 }} data-testid="geo-result">
          <Descriptions size="small" column={2}>
            <Descriptions.Item label={t('geo.matched')}><span data-testid="geo-matched">{formatNumber(result.matched)}</span></Descriptions.Item>
            <Descriptions.Item label={t('geo.unmatched')}>{formatNumber(result.unmatched)}</Descriptions.Item>
            <Descriptions.Item label={t('geo.positions')}>{`${formatNumber(result.positionsIn)} → ${formatNumber(result.positionsOut)}`}</Descriptions.Item>
            <Descriptions.Item label={t('geo.size')}>{`${formatNumber(Math.round(result.bytes / 1024))} KB`}</Descriptions.Item>
          </Descriptions>
          {result.unmatchedFeatures.length > 0 && (
            <Table size="small" rowKey="index" pagination={{ pageSize: 20 }} dataSource={result.unmatchedFeatures}
              columns={[
                { title: '#', dataIndex: 'index', width: 60 },
                { title: t('geo.code'), dataIndex: 'code', render: (v: string | null) => v ?? '—' },
                { title: t('geo.name'), dataIndex: 'name', render: (v: string | null) => v ?? '—' },
                { title: t('geo.reason'), key: 'reason', render: (_: unknown, r) => (lang === 'vi' ? r.reason : r.reasonEn) },
              ]} />
          )}
        </Card>
      )}
    </div>
  );
}
