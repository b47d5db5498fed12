// /activities/import ("Nhập từ Excel"): the template, the upload (the raw file as the request
// body, streamed by the server to disk), the background validation polled every half second with
// its progress, the errors by row and column and a preview, then the commit — all rows in one
// transaction, duplicates skipped — and its result. The import id stays in the address
// (?id=…), so a reload picks the import up where it was.
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import {
  Alert,
  App,
  Button,
  Card,
  Collapse,
  Descriptions,
  Progress,
  Result,
  Space,
  Spin,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import { CheckOutlined, FileExcelOutlined, FileTextOutlined, ReloadOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { ApiError, importApi, isAbort } from '../api/api';
import type { ActivityImport, ImportRowError, ImportStatus } from '../api/types';
import { formatDateTime, formatNumber } from '../format';
import { useI18n, type MessageKey } from '../i18n';
import { ErrorAlert } from '../components/ResultPages';
import { FileUpload } from '../components/FileUpload';
import { canCommit, cellText, IMPORT_EXTENSIONS, importPercent, isActivityPreview, isImportBusy, periodText, previewColumns } from '../activities';
import { useActivityTaxonomies } from './ActivityParts';
import { formatFileSize } from '../workflow';

/** The server's limit for one import file (docs/api-activities.md). */
const MAX_IMPORT_BYTES = 512 * 1024 * 1024;
const POLL_MS = 500;

/** The template's columns, as docs/api-activities.md lists them (headers are Vietnamese in the file). */
const TEMPLATE_COLUMNS: { col: string; header: string; need: 'yes' | 'no' | 'withM' | 'key' }[] = [
  { col: 'A', header: 'Mã hoạt động (tùy chọn)', need: 'key' },
  { col: 'B', header: 'Tên hoạt động', need: 'yes' },
  { col: 'C', header: 'Loại can thiệp', need: 'yes' },
  { col: 'D', header: 'Đơn vị hành chính (mã hoặc tên)', need: 'yes' },
  { col: 'E', header: 'Cơ quan chủ trì', need: 'yes' },
  { col: 'F', header: 'Ngày bắt đầu', need: 'yes' },
  { col: 'G', header: 'Ngày kết thúc', need: 'yes' },
  { col: 'H', header: 'Nhóm đối tượng', need: 'yes' },
  { col: 'I', header: 'Tổng số người', need: 'yes' },
  { col: 'J', header: 'Nữ', need: 'no' },
  { col: 'K', header: 'Nam', need: 'no' },
  { col: 'L', header: 'Số buổi', need: 'no' },
  { col: 'M', header: 'Kinh phí (đồng)', need: 'no' },
  { col: 'N', header: 'Nguồn kinh phí', need: 'withM' },
  { col: 'O', header: 'Ghi chú', need: 'no' },
  { col: 'P', header: 'Chương trình (tùy chọn)', need: 'no' },
];

const STATUS_COLOR: Record<ImportStatus, string> = {
  validating: 'processing',
  ready: 'success',
  invalid: 'error',
  committing: 'processing',
  committed: 'success',
  failed: 'error',
  interrupted: 'error',
  discarded: 'default',
};

export default function ActivityImportPage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const importId = params.get('id');
  const [imp, setImp] = useState<ActivityImport | null>(null);
  const [picked, setPicked] = useState<File | null>(null);
  const [uploading, setUploading] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [committing, setCommitting] = useState(false);
  const [poll, setPoll] = useState(0);

  // Follow the import while the server works on it.
  useEffect(() => {
    if (!importId) {
      setImp(null);
      return;
    }
    let live = true;
    let timer: number | undefined;
    const ctl = new AbortController();
    const tick = async () => {
      try {
        const x = await importApi.get(importId, ctl.signal);
        if (!live) return;
        setImp(x);
        setError(null);
        if (isImportBusy(x.status)) timer = window.setTimeout(tick, POLL_MS);
      } catch (e) {
        if (isAbort(e) || !live) return;
        setError(e);
        // A dropped connection: keep trying, more slowly; anything else ends the polling.
        if (e instanceof ApiError && e.status === 0) timer = window.setTimeout(tick, 2000);
      }
    };
    void tick();
    return () => {
      live = false;
      window.clearTimeout(timer);
      ctl.abort();
    };
  }, [importId, poll]);

  const start = async (file: File) => {
    setPicked(file);
    setError(null);
    setImp(null);
    setUploading(0);
    try {
      const x = await importApi.start(file, setUploading);
      setImp(x);
      setParams({ id: String(x.id) });
      setPoll((n) => n + 1);
    } catch (e) {
      setError(e);
    } finally {
      setUploading(null);
    }
  };

  const commit = async () => {
    if (!imp) return;
    setCommitting(true);
    setError(null);
    try {
      await importApi.commit(imp.id);
      setImp({ ...imp, status: 'committing' });
      setPoll((n) => n + 1);
    } catch (e) {
      setError(e);
      setPoll((n) => n + 1);
    } finally {
      setCommitting(false);
    }
  };

  const again = () => {
    setImp(null);
    setPicked(null);
    setError(null);
    setParams({});
  };

  const msg = (x: { message?: string; messageEn?: string }) =>
    (lang === 'en' ? x.messageEn || x.message : x.message || x.messageEn) || '';
  const busy = uploading !== null || (!!imp && isImportBusy(imp.status));
  const status = imp?.status;

  return (
    <div>
      <Space style={{ marginBottom: 8 }}>
        <Link to="/activities">
          <UnorderedListOutlined /> {t('activity.back')}
        </Link>
      </Space>
      <Typography.Title level={3} className="lg-page-title">
        {t('import.title')}
      </Typography.Title>

      <Card size="small" title={`1. ${t('import.step1')}`} style={{ marginBottom: 12 }}>
        <Typography.Paragraph type="secondary">{t('import.templateHint')}</Typography.Paragraph>
        <Space wrap>
          <Button icon={<FileExcelOutlined />} href={importApi.templateUrl('xlsx')} data-testid="import-template-xlsx">
            {t('import.templateXlsx')}
          </Button>
          <Button icon={<FileTextOutlined />} href={importApi.templateUrl('csv')} data-testid="import-template-csv">
            {t('import.templateCsv')}
          </Button>
        </Space>
        <Collapse
          ghost
          size="small"
          style={{ marginTop: 8 }}
          items={[
            {
              key: 'cols',
              label: t('import.columns'),
              children: (
                <Table
                  size="small"
                  rowKey="col"
                  pagination={false}
                  dataSource={TEMPLATE_COLUMNS}
                  columns={[
                    { title: t('import.column'), dataIndex: 'col', width: 60 },
                    { title: t('import.header'), dataIndex: 'header' },
                    { title: t('import.required'), dataIndex: 'need', width: 320, render: (n: string) => t(`import.need.${n}` as MessageKey) },
                  ]}
                />
              ),
            },
          ]}
        />
      </Card>

      <Card size="small" title={`2. ${t('import.step2')}`} style={{ marginBottom: 12 }}>
        <FileUpload
          label={t('import.pick')}
          onPick={(f) => void start(f)}
          onProblem={(s) => message.error(s)}
          progress={uploading}
          disabled={busy || committing}
          picked={picked}
          extensions={IMPORT_EXTENSIONS}
          accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
          maxBytes={MAX_IMPORT_BYTES}
          hint={t('import.pickHint', { max: formatFileSize(MAX_IMPORT_BYTES) })}
          wrongType={t('import.wrongType')}
          data-testid="import-file"
        />
      </Card>

      <ErrorAlert error={error} />

      {imp && (
        <Card
          size="small"
          title={`3. ${t('import.step3')}`}
          data-testid="import-status"
          extra={
            <Tag color={STATUS_COLOR[imp.status] ?? 'default'} data-testid="import-status-tag">
              {t(`import.status.${imp.status}` as MessageKey)}
            </Tag>
          }
        >
          <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 12 }}>
            <Descriptions.Item label={t('import.file')}>{imp.filename}</Descriptions.Item>
            <Descriptions.Item label={t('import.rowsRead')}>
              <span data-testid="import-rows-read">
                {formatNumber(imp.rowsRead)}
                {imp.rowsTotal !== null && imp.rowsTotal !== undefined ? ` / ${formatNumber(imp.rowsTotal)}` : ''}
              </span>
            </Descriptions.Item>
            <Descriptions.Item label={t('import.uploadedAt')}>{formatDateTime(imp.createdAt)}</Descriptions.Item>
          </Descriptions>

          {status === 'validating' && (
            <div data-testid="import-validating" style={{ marginBottom: 12 }}>
              {importPercent(imp) !== null ? (
                <Progress percent={importPercent(imp) ?? 0} status="active" data-testid="import-progress" />
              ) : (
                <Space>
                  <Spin size="small" />
                  <Typography.Text>{t('import.validatingRows', { n: formatNumber(imp.rowsRead) })}</Typography.Text>
                </Space>
              )}
            </div>
          )}

          {status === 'invalid' && (
            <Alert
              type="error"
              showIcon
              style={{ marginBottom: 12 }}
              data-testid="import-invalid"
              message={t('import.invalidTitle')}
              description={msg(imp) || t('import.invalidHint')}
            />
          )}
          {(imp.notes ?? []).length > 0 && (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 12 }}
              data-testid="import-notes"
              message={t('import.notesTitle', { n: formatNumber((imp.notes ?? []).length) })}
              description={
                <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                  {(imp.notes ?? []).map((n) => (
                    <li key={n.row}>{lang === 'en' ? n.messageEn : n.message}</li>
                  ))}
                </ul>
              }
            />
          )}
          {status === 'failed' && (
            <Alert type="error" showIcon style={{ marginBottom: 12 }} data-testid="import-failed" message={t('import.failedTitle')} description={msg(imp) || undefined} />
          )}

          {status === 'committing' && (
            <div data-testid="import-committing" style={{ marginBottom: 12 }}>
              <Space>
                <Spin size="small" />
                <Typography.Text>{t('import.committing')}</Typography.Text>
              </Space>
            </div>
          )}

          {status === 'committed' ? (
            <div data-testid="import-committed">
            <Result
              status="success"
              title={t('import.committed', { n: formatNumber(imp.committedCount) })}
              subTitle={imp.duplicateRows > 0 ? t('import.committedDuplicates', { n: formatNumber(imp.duplicateRows) }) : undefined}
              extra={[
                <Link key="list" to="/activities">
                  <Button type="primary" icon={<UnorderedListOutlined />} data-testid="import-to-list">
                    {t('import.toList')}
                  </Button>
                </Link>,
                <Button key="again" icon={<ReloadOutlined />} onClick={again} data-testid="import-again">
                  {t('import.again')}
                </Button>,
              ]}
            />
            </div>
          ) : (
            status !== 'validating' && (
              <ImportReview imp={imp} msg={msg} />
            )
          )}

          {(status === 'ready' || status === 'invalid' || status === 'failed') && (
            <Space wrap style={{ marginTop: 12 }}>
              <Button
                type="primary"
                icon={<CheckOutlined />}
                disabled={!canCommit(imp) || committing}
                loading={committing}
                onClick={() => void commit()}
                data-testid="import-commit"
              >
                {t('import.commit', { n: formatNumber(imp.newRows) })}
              </Button>
              <Button icon={<ReloadOutlined />} onClick={again} data-testid="import-again">
                {t('import.again')}
              </Button>
              {status === 'ready' && !canCommit(imp) && (
                <Typography.Text type="danger" data-testid="import-fix-hint">
                  {t('import.fixFirst')}
                </Typography.Text>
              )}
            </Space>
          )}
        </Card>
      )}
      {!imp && importId && !error && <Card loading />}
      {!!error && importId && !imp && (
        <Button onClick={again} style={{ marginTop: 8 }}>
          {t('import.again')}
        </Button>
      )}
    </div>
  );
}

/** Counts, the errors by row and column, and the first rows as the server read them. */
function ImportReview({ imp, msg }: { imp: ActivityImport; msg: (x: { message?: string; messageEn?: string }) => string }) {
  const { t } = useI18n();
  const cols = previewColumns(imp.preview ?? []);
  const errors = imp.errors ?? [];
  return (
    <>
      <Space size={40} wrap style={{ marginBottom: 12 }}>
        <Statistic title={t('import.newRows')} value={formatNumber(imp.newRows)} valueStyle={{ color: '#389e0d' }} data-testid="import-count-new" />
        <Statistic title={t('import.duplicateRows')} value={formatNumber(imp.duplicateRows)} data-testid="import-count-duplicates" />
        <Statistic
          title={t('import.errorRows')}
          value={formatNumber(imp.errorCount)}
          valueStyle={imp.errorCount > 0 ? { color: '#cf1322' } : undefined}
          data-testid="import-count-errors"
        />
      </Space>
      {errors.length > 0 && (
        <>
          <Typography.Title level={5}>{t('import.errorsTitle')}</Typography.Title>
          {imp.errorCount > errors.length && (
            <Typography.Paragraph type="secondary">
              {t('import.errorsFirst', { shown: formatNumber(errors.length), n: formatNumber(imp.errorCount) })}
            </Typography.Paragraph>
          )}
          <Table<ImportRowError>
            size="small"
            rowKey={(e, i) => `${e.row}-${e.column}-${i}`}
            pagination={errors.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
            dataSource={errors}
            data-testid="import-errors"
            columns={[
              { title: t('import.row'), dataIndex: 'row', width: 90, render: (n: number) => formatNumber(n) },
              { title: t('import.column'), dataIndex: 'column', width: 70, render: (c: string) => <Tag>{c || '—'}</Tag> },
              { title: t('import.message'), key: 'message', render: (_: unknown, e) => msg(e) },
            ]}
            style={{ marginBottom: 16 }}
          />
        </>
      )}
      {cols.length > 0 && (
        <>
          <Typography.Title level={5}>{t('import.previewTitle', { n: formatNumber(imp.preview.length) })}</Typography.Title>
          {isActivityPreview(imp.preview) ? (
            <ActivityPreview rows={imp.preview as unknown as PreviewRow[]} />
          ) : (
          <Table<Record<string, unknown>>
            size="small"
            rowKey={(_, i) => String(i)}
            pagination={false}
            dataSource={imp.preview}
            data-testid="import-preview"
            scroll={{ x: Math.max(800, cols.length * 140) }}
            columns={cols.map((c) => ({
              title: c,
              dataIndex: c,
              ellipsis: true,
              render: (v: unknown) => cellText(v),
            }))}
          />
          )}
        </>
      )}
    </>
  );
}

/** A preview row as the server sends it: an activity in the input shape, `row` its first row. */
interface PreviewRow {
  row?: number;
  key?: string | null;
  title: string;
  interventionTypeCode?: string;
  orgUnitCode?: string;
  startDate?: string;
  endDate?: string;
  reach: { targetGroup: string; total: number; female?: number | null; male?: number | null }[];
  reachedTotal?: number;
  costs?: { fundingSource: string; amount: number }[];
}

function ActivityPreview({ rows }: { rows: PreviewRow[] }) {
  const { t } = useI18n();
  const tax = useActivityTaxonomies();
  const sex = (r: PreviewRow['reach'][number]) =>
    [typeof r.female === 'number' ? `${t('activity.female')} ${formatNumber(r.female)}` : '', typeof r.male === 'number' ? `${t('activity.male')} ${formatNumber(r.male)}` : '']
      .filter(Boolean)
      .join(', ');
  return (
    <Table<PreviewRow>
      size="small"
      rowKey={(r, i) => `${r.row ?? ''}-${i}`}
      pagination={false}
      dataSource={rows}
      data-testid="import-preview"
      scroll={{ x: 1500 }}
      columns={[
        { title: t('import.row'), dataIndex: 'row', width: 60 },
        { title: t('import.key'), dataIndex: 'key', width: 120, render: (k: string | null) => k || '—' },
        { title: t('activity.name'), dataIndex: 'title', width: 280 },
        { title: t('activity.interventionType'), dataIndex: 'interventionTypeCode', width: 200, render: (c: string) => tax.typeName(c) },
        { title: t('activity.orgUnit'), dataIndex: 'orgUnitCode', width: 90 },
        { title: t('activity.period'), key: 'period', width: 130, render: (_: unknown, r) => (r.startDate && r.endDate ? periodText({ startDate: r.startDate, endDate: r.endDate }) : '—') },
        {
          title: t('activity.reachTitle'),
          key: 'reach',
          render: (_: unknown, r) => (
            <Space direction="vertical" size={0}>
              {r.reach.map((x) => (
                <span key={x.targetGroup}>
                  {tax.groupName(x.targetGroup)}: <strong>{formatNumber(x.total)}</strong>
                  {sex(x) ? ` (${sex(x)})` : ''}
                </span>
              ))}
            </Space>
          ),
        },
        {
          title: t('activity.cost'),
          key: 'costs',
          width: 240,
          align: 'right',
          render: (_: unknown, r) =>
            (r.costs ?? []).length ? (
              <Space direction="vertical" size={0}>
                {(r.costs ?? []).map((c) => (
                  <span key={c.fundingSource}>
                    {formatNumber(c.amount)} <Typography.Text type="secondary">({tax.sourceName(c.fundingSource)})</Typography.Text>
                  </span>
                ))}
              </Space>
            ) : (
              '—'
            ),
        },
      ]}
    />
  );
}
