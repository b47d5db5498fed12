// An all-or-nothing import (businesses, legal references): pick a file, validate it (progress while
// it uploads), see the errors per row, then commit the same file. Nothing is written while any row
// has an error (the server answers 422 with the list).
import { useRef, useState } from 'react';
import { Alert, Button, Progress, Space, Typography } from 'antd';
import { CheckOutlined, UploadOutlined } from '@ant-design/icons';
import type { CheckedUpload } from '../../api/api';
import type { ImportResult } from '../../api/inspections';
import { formatNumber } from '../../format';
import { useI18n } from '../../i18n';
import { ErrorAlert } from '../../components/ResultPages';
import { ListTable } from '../../components/list';

const MAX_BYTES = 20 * 1024 * 1024;

export function ImportPanel({ columns, send, onCommitted, testId }: {
  /** The expected columns, in order (shown as the hint). */
  columns: string;
  send: (file: File, commit: boolean, onProgress: (p: number) => void) => Promise<CheckedUpload<ImportResult>>;
  onCommitted?: (r: ImportResult) => void;
  testId: string;
}) {
  const { t, lang } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [result, setResult] = useState<{ status: number; body: ImportResult } | null>(null);
  const [err, setErr] = useState<unknown>(null);
  const [problem, setProblem] = useState('');

  const run = async (f: File, commit: boolean) => {
    setErr(null);
    setProgress(0);
    try {
      const r = await send(f, commit, setProgress);
      setResult(r);
      if (r.status === 201) onCommitted?.(r.body);
    } catch (e) {
      setErr(e);
      setResult(null);
    } finally {
      setProgress(null);
    }
  };

  const pick = (f: File) => {
    setProblem('');
    setResult(null);
    if (!/\.(xlsx|csv)$/i.test(f.name)) return setProblem(t('insp.import.wrongType'));
    if (f.size === 0) return setProblem(t('insp.import.empty'));
    if (f.size > MAX_BYTES) return setProblem(t('insp.import.tooBig'));
    setFile(f);
    void run(f, false);
  };

  const errors = result?.body.errors ?? [];
  return (
    <div data-testid={testId}>
      <Typography.Paragraph type="secondary" style={{ overflowWrap: 'anywhere' }}>
        {t('insp.import.columns')}: {columns}
      </Typography.Paragraph>
      <input
        ref={input}
        type="file"
        accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        style={{ display: 'none' }}
        data-testid={`${testId}-file`}
        onChange={(e) => {
          const f = e.target.files?.[0];
          e.target.value = '';
          if (f) pick(f);
        }}
      />
      <Space wrap>
        <Button icon={<UploadOutlined />} onClick={() => input.current?.click()} disabled={progress !== null}>
          {file ? t('insp.import.another') : t('insp.import.pick')}
        </Button>
        {file && <Typography.Text style={{ overflowWrap: 'anywhere' }}>{file.name}</Typography.Text>}
      </Space>
      {progress !== null && <Progress percent={progress} size="small" style={{ marginTop: 8 }} data-testid={`${testId}-progress`} />}
      {problem && <Alert type="warning" showIcon message={problem} style={{ marginTop: 12 }} />}
      <div style={{ marginTop: 12 }}>
        <ErrorAlert error={err} />
      </div>
      {result && result.status === 200 && (
        <Alert
          type="success"
          showIcon
          data-testid={`${testId}-valid`}
          message={t('insp.import.valid', { rows: formatNumber(result.body.rows) })}
          action={
            <Button type="primary" icon={<CheckOutlined />} disabled={progress !== null} onClick={() => file && run(file, true)} data-testid={`${testId}-commit`}>
              {t('insp.import.commit')}
            </Button>
          }
          style={{ flexWrap: 'wrap', rowGap: 8 }}
        />
      )}
      {result && result.status === 201 && (
        <Alert type="success" showIcon data-testid={`${testId}-done`}
          message={t('insp.import.done', { rows: formatNumber(result.body.created ?? result.body.rows) })} />
      )}
      {result && result.status === 422 && (
        <>
          <Alert type="error" showIcon data-testid={`${testId}-invalid`}
            message={t('insp.import.invalid', { errors: formatNumber(errors.length), rows: formatNumber(result.body.rows) })} style={{ marginBottom: 8 }} />
          <ListTable
            size="small"
            rowKey={(r) => `${r.row}-${r.field}-${r.code}`}
            dataSource={errors}
            pagination={{ pageSize: 20 }}
            data-testid={`${testId}-errors`}
            columns={[
              { title: t('insp.import.row'), dataIndex: 'row', width: 70, render: (n: number) => `${t('insp.import.row')} ${formatNumber(n)}` },
              { title: t('insp.import.field'), dataIndex: 'field', width: 140 },
              { title: t('insp.import.problem'), key: 'msg', render: (_: unknown, r) => (lang === 'en' ? r.messageEn || r.message : r.message) },
            ]}
          />
        </>
      )}
    </div>
  );
}
