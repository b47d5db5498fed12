// Picks one PDF/DOCX file (or the types given), checks it before sending (empty, type, size) and
// shows the upload's progress. The parent decides where it goes (through api.upload).
import { useRef } from 'react';
import { Button, Progress, Space, Typography } from 'antd';
import { PaperClipOutlined } from '@ant-design/icons';
import { useI18n } from '../i18n';
import { ATTACHMENT_EXTENSIONS, checkAttachment, formatFileSize } from '../workflow';

/** The server's limit (docs/api-directives.md): 10 MiB of file content. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

interface Props {
  label: string;
  /** Called with a file that passed the checks; a failed check calls onProblem instead. */
  onPick: (file: File) => void;
  onProblem: (text: string) => void;
  /** 0–100 while uploading, null when idle. */
  progress?: number | null;
  disabled?: boolean;
  picked?: File | null;
  /** Accepted extensions (default PDF and DOCX), the input's accept list, the size limit. */
  extensions?: string[];
  accept?: string;
  maxBytes?: number;
  /** The hint next to the button and the refusal of a wrong type (defaults: PDF/DOCX wording). */
  hint?: string;
  wrongType?: string;
  'data-testid'?: string;
}

export function FileUpload({
  label,
  onPick,
  onProblem,
  progress,
  disabled,
  picked,
  extensions = ATTACHMENT_EXTENSIONS,
  accept = '.pdf,.docx,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  maxBytes = MAX_ATTACHMENT_BYTES,
  hint,
  wrongType,
  ...rest
}: Props) {
  const { t } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  const max = formatFileSize(maxBytes);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <input
          ref={input}
          type="file"
          accept={accept}
          style={{ display: 'none' }}
          data-testid={rest['data-testid']}
          onChange={(e) => {
            const f = e.target.files?.[0];
            e.target.value = '';
            if (!f) return;
            const problem = checkAttachment(f, maxBytes, extensions);
            if (problem === 'wrongType' && wrongType) onProblem(wrongType);
            else if (problem) onProblem(t(`file.${problem}`, { max }));
            else onPick(f);
          }}
        />
        <Button icon={<PaperClipOutlined />} disabled={disabled || (progress ?? null) !== null} onClick={() => input.current?.click()}>
          {label}
        </Button>
        <Typography.Text type="secondary">
          {picked ? `${picked.name} (${formatFileSize(picked.size)})` : (hint ?? t('directive.uploadHint', { max }))}
        </Typography.Text>
      </Space>
      {progress !== null && progress !== undefined && <Progress percent={progress} size="small" data-testid="upload-progress" />}
    </Space>
  );
}
