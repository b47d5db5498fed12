// /reports/import-history ("Nhập báo cáo các kỳ trước"): the template, the upload of an .xlsx with
// one sheet per unit and period, the background check polled with its progress, the faults by
// sheet, row and column, the reports it will write (marked on behalf of former units), then the
// commit — all sheets in one transaction or none (docs/api-reports.md, "Báo cáo thay cho đơn vị cũ").
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, App, Button, Card, Progress, Space, Table, Tag, Typography } from 'antd';
import { CheckOutlined, FileExcelOutlined } from '@ant-design/icons';
import { reportApi } from '../api/api';
import type { ReportImport } from '../api/types';
import { formatDate } from '../format';
import { isMessageKey, useI18n } from '../i18n';
import { ErrorAlert } from '../components/ResultPages';
import { FileUpload } from '../components/FileUpload';

const POLL_MS = 500;
const MAX_BYTES = 32 * 1024 * 1024;

export default function ReportsHistoryImportPage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [job, setJob] = useState<ReportImport | null>(null);
  const [upload, setUpload] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);

  const busy = job && (job.status === 'validating' || job.status === 'committing');
  useEffect(() => {
    if (!job || !busy) return;
    const timer = window.setTimeout(() => {
      reportApi.importStatus(job.id).then(setJob, setError);
    }, POLL_MS);
    return () => window.clearTimeout(timer);
  }, [job, busy]);

  const start = async (f: File) => {
    setError(null);
    setJob(null);
    setUpload(0);
    try {
      setJob(await reportApi.importHistory(f, setUpload));
    } catch (e) {
      setError(e);
    } finally {
      setUpload(null);
    }
  };
  const commit = async () => {
    if (!job) return;
    setError(null);
    try {
      setJob(await reportApi.importCommit(job.id));
    } catch (e) {
      setError(e);
    }
  };
  useEffect(() => {
    if (job?.status === 'committed') message.success(lang === 'en' ? job.messageEn : job.message);
  }, [job?.status]);

  const msg = (x: { message: string; messageEn: string }) => (lang === 'en' ? x.messageEn || x.message : x.message || x.messageEn);

  return (
    <div>
      <Typography.Title level={3} className="lg-page-title">
        {t('history.importTitle')}
      </Typography.Title>
      <Card size="small" style={{ marginBottom: 12 }}>
        <Typography.Paragraph>{t('history.importIntro')}</Typography.Paragraph>
        <Space wrap>
          <Button icon={<FileExcelOutlined />} href="/api/report-imports/template?form=bc_6thang" data-testid="history-template">
            {t('history.templateHalf')}
          </Button>
          <Button icon={<FileExcelOutlined />} href="/api/report-imports/template?form=bc_nam">
            {t('history.templateYear')}
          </Button>
          <Link to="/reports">{t('report.title')}</Link>
        </Space>
      </Card>
      <Card size="small" style={{ marginBottom: 12 }}>
        <FileUpload
          label={t('history.chooseFile')}
          onPick={(f) => void start(f)}
          onProblem={(s) => message.error(s)}
          progress={upload ?? undefined}
          disabled={!!busy || upload !== null}
          extensions={['xlsx']}
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          maxBytes={MAX_BYTES}
          hint=".xlsx"
          wrongType={t('history.chooseFile')}
          data-testid="history-file"
        />
      </Card>
      <ErrorAlert error={error} />
      {job && (
        <Card size="small" data-testid="history-import-job">
          <Space direction="vertical" style={{ width: '100%' }}>
            <Space wrap>
              <Tag color={job.status === 'ready' || job.status === 'committed' ? 'green' : job.status === 'invalid' || job.status === 'failed' ? 'red' : 'blue'} data-testid="history-import-status">
                {t(`import.status.${job.status}`)}
              </Tag>
              <Typography.Text>{job.filename}</Typography.Text>
            </Space>
            {busy && (
              <>
                <Progress percent={Math.round(job.progress * 100)} data-testid="history-import-progress" />
                <Typography.Text type="secondary">
                  {t('history.checking', { read: job.sheetsRead, total: job.sheetsTotal ?? '…' })}
                </Typography.Text>
              </>
            )}
            {(job.message || job.messageEn) && (
              <Alert
                type={job.status === 'ready' || job.status === 'committed' ? 'success' : job.status === 'invalid' || job.status === 'failed' ? 'error' : 'info'}
                message={msg(job)}
                data-testid="history-import-message"
              />
            )}
            {job.errors.length > 0 && (
              <Table
                size="small"
                rowKey={(_, i) => String(i)}
                pagination={{ pageSize: 20 }}
                scroll={{ x: true }}
                dataSource={job.errors}
                data-testid="history-import-errors"
                columns={[
                  { title: t('history.sheet'), dataIndex: 'sheet' },
                  { title: t('history.row'), dataIndex: 'row', render: (v: number | null) => v ?? '—' },
                  { title: t('history.column'), dataIndex: 'column' },
                  { title: t('history.field'), dataIndex: 'field' },
                  { title: t('history.message'), render: (_, e) => msg(e) },
                ]}
              />
            )}
            {job.errors.length === 0 && job.preview.length > 0 && (
              <Table
                size="small"
                rowKey="sheet"
                pagination={false}
                scroll={{ x: true }}
                dataSource={job.preview}
                data-testid="history-import-preview"
                columns={[
                  { title: t('history.sheet'), dataIndex: 'sheet' },
                  { title: t('history.unit'), render: (_, p) => p.orgUnit?.name ?? '—' },
                  { title: t('history.periodCol'), dataIndex: 'period' },
                  {
                    title: t('history.statusCol'),
                    render: (_, p) => {
                      const k = `report.status.${p.status}`;
                      return isMessageKey(k) ? t(k) : p.status;
                    },
                  },
                  { title: t('history.paperSubmittedOn'), render: (_, p) => (p.paperSubmittedOn ? formatDate(p.paperSubmittedOn) : '—') },
                  {
                    title: t('history.onBehalfCol'),
                    render: (_, p) => (p.onBehalf ? <Tag color="purple">{lang === 'en' ? p.onBehalf.labelEn : p.onBehalf.label}</Tag> : '—'),
                  },
                ]}
              />
            )}
            {job.status === 'ready' && (
              <Button type="primary" icon={<CheckOutlined />} onClick={() => void commit()} data-testid="history-import-commit">
                {t('history.commit', { n: job.preview.length })}
              </Button>
            )}
          </Space>
        </Card>
      )}
    </div>
  );
}
