// /classification/assessments/:id: one commune's assessment of a year (issue 18 §2–§3). Cards per
// criterion (a phone shows them one under another, nothing wider than the screen): the suggested
// score with its evidence (metric value, what was counted, up to 20 source records, "không có dữ
// liệu" when null), the self score, the note an override needs (shown before saving), the
// attachments; the running total and the class it gives. The province checks beside the self
// score, returns, approves, reopens. Locked once approved.
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import {
  Alert, App, Button, Card, DatePicker, Descriptions, Input, InputNumber, Modal, Popconfirm, Radio, Select, Space, Spin, Tag, Timeline, Typography,
} from 'antd';
import { CheckCircleOutlined, CopyOutlined, DeleteOutlined, PaperClipOutlined, LockOutlined, ReloadOutlined, RollbackOutlined, SaveOutlined, SendOutlined, UnlockOutlined } from '@ant-design/icons';
import { ApiError } from '../api/errors';
import { classificationApi, type Assessment, type Item } from '../api/classification';
import { allowedScores, issuesOf, noteRequired, preview, sourceLink, type Issue } from '../classification';
import { formatDate, formatDateTime, formatNumber } from '../format';
import { isMessageKey, useI18n, type MessageKey } from '../i18n';
import { useApi } from '../useApi';
import { useSession } from '../session';
import { PERM } from '../api/types';
import { load } from '../api/get';
import { ErrorAlert } from '../components/ResultPages';
import { FileUpload } from '../components/FileUpload';
import { DATE_FORMAT, dayjsToIso } from '../components/dates';
import type { Dayjs } from 'dayjs';
import { ClassTag, StatusTag } from './ClassificationPage';

type Scores = Record<string, number | null>;
type Notes = Record<string, string>;

function ScoreInput({ item, value, onChange, testId }: { item: Item; value: number | null; onChange: (v: number | null) => void; testId: string }) {
  const { t } = useI18n();
  const allowed = allowedScores(item);
  if (item.kind === 'pass_fail') {
    return (
      <Radio.Group value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId}>
        <Radio value={1}>{t('clf.pass')}</Radio>
        <Radio value={0}>{t('clf.fail')}</Radio>
      </Radio.Group>
    );
  }
  if (allowed) {
    return (
      <Select style={{ width: 120 }} allowClear value={value ?? undefined} onChange={(v) => onChange(v ?? null)} data-testid={testId}
        options={allowed.map((n) => ({ value: n, label: formatNumber(n) }))} />
    );
  }
  return (
    <InputNumber min={0} max={item.maxPoints ?? 0} precision={0} style={{ width: 120 }} value={value} onChange={(v) => onChange(v ?? null)}
      addonAfter={`/ ${formatNumber(item.maxPoints ?? 0)}`} data-testid={testId} inputMode="numeric" />
  );
}

function scoreText(item: Item, s: number | null, t: (k: MessageKey) => string): string {
  if (s === null || s === undefined) return '—';
  if (item.kind === 'pass_fail') return s === 1 ? t('clf.pass') : t('clf.fail');
  return `${formatNumber(s)}/${formatNumber(item.maxPoints ?? 0)}`;
}

function Evidence({ item }: { item: Item }) {
  const { t, lang } = useI18n();
  const e = item.evidence;
  if (!e) return <Typography.Text type="secondary">{t('clf.noEvidenceRule')}</Typography.Text>;
  const own = lang === 'en' ? e.labelEn : e.labelVi;
  const known = `clf.metric.${e.metric}`;
  const label = own && own !== e.metric ? own : isMessageKey(known) ? t(known) : e.metric;
  const unit = lang === 'en' ? e.unitEn : e.unitVi;
  return (
    <div data-testid="clf-evidence" style={{ background: '#fafafa', padding: 8, borderRadius: 6, overflowWrap: 'anywhere' }}>
      <div>{label}: {e.value === null ? <Tag data-testid="clf-no-data">{t('clf.noData')}</Tag> : <strong data-testid="clf-evidence-value">{formatNumber(e.value)} {unit}</strong>}</div>
      {e.sources.length > 0 && (
        <ul style={{ margin: '4px 0 0', paddingLeft: 18 }} data-testid="clf-sources">
          {e.sources.map((s) => {
            const href = sourceLink(s);
            const text = `${s.code ? `${s.code} · ` : ''}${s.title}${s.date ? ` (${formatDate(s.date)})` : ''}`;
            return <li key={`${s.kind}-${s.id}`}>{href ? <Link to={href}>{text}</Link> : text}</li>;
          })}
        </ul>
      )}
      {e.sourcesTotal > e.sources.length && (
        <Typography.Text type="secondary">{t('clf.moreSources', { n: formatNumber(e.sourcesTotal - e.sources.length) })}</Typography.Text>
      )}
    </div>
  );
}

export default function ClassificationAssessmentPage() {
  const { id } = useParams();
  const { t, lang, errText } = useI18n();
  const { message } = App.useApp();
  const { me, can } = useSession();
  const { data, error, loading, reload } = useApi(id ? classificationApi.one(id) : null);
  const [a, setA] = useState<Assessment | undefined>();
  useEffect(() => setA(data), [data]);
  const { data: set } = useApi(a ? classificationApi.set(a.set.id) : null);
  const [self, setSelf] = useState<Scores>({});
  const [notes, setNotes] = useState<Notes>({});
  const [summary, setSummary] = useState('');
  const [check, setCheck] = useState<Scores>({});
  const [comments, setComments] = useState<Notes>({});
  const [dirty, setDirty] = useState(false);
  const [busy, setBusy] = useState(false);
  const [issues, setIssues] = useState<Issue[]>([]);
  const [failure, setFailure] = useState<unknown>(null);
  const [uploadProblem, setUploadProblem] = useState<string | null>(null);
  const [dialog, setDialog] = useState<null | 'return' | 'approve' | 'reopen'>(null);
  const [dialogText, setDialogText] = useState('');
  const [decisionDate, setDecisionDate] = useState<Dayjs | null>(null);

  const keepDrafts = useRef(false);
  useEffect(() => {
    if (!a) return;
    if (keepDrafts.current) {
      keepDrafts.current = false;
      return;
    }
    setSelf(Object.fromEntries(a.items.map((i) => [i.criterionKey, i.selfScore])));
    setNotes(Object.fromEntries(a.items.map((i) => [i.criterionKey, i.selfNote ?? ''])));
    setCheck(Object.fromEntries(a.items.map((i) => [i.criterionKey, i.checkScore])));
    setComments(Object.fromEntries(a.items.map((i) => [i.criterionKey, i.checkComment ?? ''])));
    setSummary(a.summary ?? '');
    setDirty(false);
  }, [a]);

  const criteria = useMemo(() => (a?.items ?? []).map((i) => ({ key: i.criterionKey, kind: i.kind, maxPoints: i.maxPoints })), [a]);
  const classes = set?.definition?.classes ?? [];
  const selfPreview = preview({ criteria, classes }, self);
  const checkPreview = preview({ criteria, classes }, check);
  const sections = set?.definition?.sections ?? [];

  if (error) return <ErrorAlert error={error} onRetry={reload} />;
  if (!a) return loading ? <Spin /> : null;

  const editable = a.editable;
  const checkable = a.checkable && a.status === 'submitted';
  const showCheck = checkable || a.status === 'approved' || a.items.some((i) => i.checkScore !== null);
  const issueOf = (key: string) => issues.filter((i) => i.key === key);
  const missingNotes = a.items.filter((i) => noteRequired(i.suggestedScore, self[i.criterionKey], notes[i.criterionKey] ?? ''));

  const run = async (f: () => Promise<Assessment | void>, ok?: MessageKey) => {
    setBusy(true);
    setFailure(null);
    setIssues([]);
    try {
      const next = await f();
      if (next) setA(next);
      if (ok) message.success(t(ok));
      return true;
    } catch (e) {
      setFailure(e);
      if (e instanceof ApiError) setIssues(issuesOf(e.raw));
      if (e instanceof ApiError && e.code === 'version_conflict') reload();
      return false;
    } finally {
      setBusy(false);
    }
  };

  const selfBody = (cur: Assessment) => ({
    version: cur.version,
    summary,
    items: cur.items.map((i) => ({ criterionKey: i.criterionKey, selfScore: self[i.criterionKey] ?? null, selfNote: notes[i.criterionKey] ?? '' })),
  });
  const checkBody = (cur: Assessment) => ({
    version: cur.version,
    items: cur.items.map((i) => ({ criterionKey: i.criterionKey, checkScore: check[i.criterionKey] ?? null, checkComment: comments[i.criterionKey] ?? '' })),
  });
  const save = () => run(() => classificationApi.save(a.id, selfBody(a)), 'clf.saved');
  const submit = () =>
    run(async () => {
      const cur = dirty ? await classificationApi.save(a.id, selfBody(a)) : a;
      setA(cur);
      return classificationApi.submit(a.id, cur.version);
    }, 'clf.submitted');
  const refresh = () => run(async () => {
    const cur = dirty ? await classificationApi.save(a.id, selfBody(a)) : a;
    void cur;
    return classificationApi.refresh(a.id);
  }, 'clf.refreshed');
  const saveCheck = () => run(() => classificationApi.check(a.id, checkBody(a)), 'clf.checkSaved');
  const doDialog = async () => {
    const text = dialogText.trim();
    let ok = false;
    if (dialog === 'return') {
      ok = await run(async () => {
        const cur = dirty ? await classificationApi.check(a.id, checkBody(a)) : a;
        return classificationApi.returnIt(a.id, cur.version, text);
      }, 'clf.returned');
    } else if (dialog === 'approve') {
      ok = await run(async () => {
        const cur = dirty ? await classificationApi.check(a.id, checkBody(a)) : a;
        return classificationApi.approve(a.id, { version: cur.version, decisionNumber: text || undefined, decisionDate: dayjsToIso(decisionDate) ?? null });
      }, 'clf.approved');
    } else if (dialog === 'reopen') {
      ok = await run(() => classificationApi.reopen(a.id, a.version, text), 'clf.reopened');
    }
    if (ok) {
      setDialog(null);
      setDialogText('');
    }
  };
  const copySelf = () => {
    setCheck((c) => Object.fromEntries(a.items.map((i) => [i.criterionKey, c[i.criterionKey] ?? self[i.criterionKey] ?? null])));
    setDirty(true);
  };
  const attach = async (item: Item, file: File) => {
    setUploadProblem(null);
    await run(async () => {
      await classificationApi.attach(a.id, item.criterionKey, file);
      const next = await load(classificationApi.one(a.id));
      // Keep what is typed but not saved.
      keepDrafts.current = true;
      setA(next);
    }, 'clf.attached');
  };

  const detach = async (item: Item, attId: number) => {
    await run(async () => {
      await classificationApi.detach(a.id, item.criterionKey, attId);
      const next = await load(classificationApi.one(a.id));
      keepDrafts.current = true;
      setA(next);
    }, 'clf.detached');
  };

  const bySection = new Map<string, Item[]>();
  for (const i of a.items) bySection.set(i.section, [...(bySection.get(i.section) ?? []), i]);
  const sectionTitle = (k: string) => {
    const s = sections.find((x) => x.key === k);
    return s ? `${k}. ${lang === 'en' ? s.titleEn : s.titleVi}` : k;
  };

  return (
    <div style={{ maxWidth: 900 }} data-testid="clf-assessment">
      <Typography.Title level={3} className="lg-page-title" style={{ overflowWrap: 'anywhere' }}>
        {t('clf.assessmentTitle', { commune: a.commune.name, year: a.year })}
      </Typography.Title>
      <Space wrap style={{ marginBottom: 8 }}>
        <Link to="/classification">← {t('clf.back')}</Link>
        <StatusTag status={a.status} />
        {a.status === 'approved' && <Tag icon={<LockOutlined />} color="green" data-testid="clf-locked">{t('clf.locked')}</Tag>}
      </Space>
      <Typography.Paragraph type="secondary" style={{ overflowWrap: 'anywhere' }}>
        {t('clf.setUsed')}: <Link to={`/classification/sets?id=${a.set.id}`}>{a.set.title} (v{a.set.version})</Link> · {a.province.name}
      </Typography.Paragraph>
      {a.status === 'approved' && (
        <Alert type="success" showIcon icon={<LockOutlined />} style={{ marginBottom: 12 }} data-testid="clf-final"
          message={
            <div style={{ display: 'flex', flexWrap: 'wrap', gap: 6, alignItems: 'center' }}>
              <span>{t('clf.finalClass')}:</span>
              <ClassTag cls={a.finalClass} />
              <strong style={{ whiteSpace: 'nowrap' }}>{formatNumber(a.checkTotal ?? 0)}/{formatNumber(a.maxPoints)}</strong>
            </div>
          }
          description={t('clf.lockedHint', {
            decision: a.decisionNumber || '—', date: a.decisionDate ? formatDate(a.decisionDate) : '—', by: a.approvedBy?.fullName ?? a.approvedBy?.username ?? '', at: formatDateTime(a.approvedAt),
          })} />
      )}
      {a.status === 'returned' && a.returnComment && (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={t('clf.returnedWith')} description={a.returnComment} data-testid="clf-return-comment" />
      )}
      {a.status === 'submitted' && !a.checkable && !!me && a.submittedBy?.id === me.id && can(PERM.classificationCheck) && (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('clf.submittedByYou')} data-testid="clf-submitted-by-you" />
      )}
      {failure !== null && (
        <Alert type="error" showIcon closable onClose={() => setFailure(null)} style={{ marginBottom: 12 }} data-testid="clf-error"
          message={errText(failure)}
          description={issues.length > 0 ? (
            <ul style={{ margin: 0, paddingLeft: 18 }}>
              {issues.map((i, n) => <li key={n}>{i.key}: {(lang === 'en' ? i.messageEn : i.message) || t('clf.itemProblem')}</li>)}
            </ul>
          ) : undefined} />
      )}

      {[...bySection.entries()].map(([sec, items]) => (
        <div key={sec} style={{ marginBottom: 16 }}>
          <Typography.Title level={5} style={{ overflowWrap: 'anywhere' }}>{sectionTitle(sec)}</Typography.Title>
          {items.map((item) => {
            const k = item.criterionKey;
            const needNote = noteRequired(item.suggestedScore, self[k], notes[k] ?? '');
            const itemIssues = issueOf(k);
            return (
              <Card key={k} size="small" style={{ marginBottom: 8, borderColor: itemIssues.length || needNote ? '#ff4d4f' : undefined }}
                data-testid={`clf-item-${k}`}
                title={<span style={{ whiteSpace: 'normal', overflowWrap: 'anywhere' }}><strong>{k}</strong> · {lang === 'en' ? item.textEn : item.textVi}</span>}>
                <Space direction="vertical" style={{ width: '100%' }} size={8}>
                  <Space wrap size={4}>
                    <Tag>{item.kind === 'points' ? t('clf.maxPoints', { n: formatNumber(item.maxPoints ?? 0) }) : t('clf.passFail')}</Tag>
                    <span>{t('clf.suggested')}:</span>
                    <strong data-testid="clf-suggested">{item.suggestedScore === null ? t('clf.noSuggestion') : scoreText(item, item.suggestedScore, t)}</strong>
                    {editable && item.suggestedScore !== null && self[k] !== item.suggestedScore && (
                      <Button size="small" onClick={() => { setSelf((s) => ({ ...s, [k]: item.suggestedScore })); setDirty(true); }} data-testid="clf-use-suggestion">
                        {t('clf.useSuggestion')}
                      </Button>
                    )}
                  </Space>
                  <Evidence item={item} />
                  <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center' }}>
                    <span>{t('clf.selfScore')}:</span>
                    {editable ? (
                      <ScoreInput item={item} value={self[k] ?? null} testId="clf-self"
                        onChange={(v) => { setSelf((s) => ({ ...s, [k]: v })); setDirty(true); }} />
                    ) : <strong data-testid="clf-self-value">{scoreText(item, item.selfScore, t)}</strong>}
                    {item.overridden && !editable && <Tag color="orange">{t('clf.overridden')}</Tag>}
                  </div>
                  {editable ? (
                    <div>
                      <Input.TextArea rows={2} maxLength={2000} value={notes[k] ?? ''} placeholder={t('clf.notePlaceholder')} status={needNote ? 'error' : undefined}
                        onChange={(e) => { setNotes((n) => ({ ...n, [k]: e.target.value })); setDirty(true); }} data-testid="clf-note" />
                      {needNote && <Typography.Text type="danger" data-testid="clf-note-required">{t('clf.noteRequired')}</Typography.Text>}
                    </div>
                  ) : item.selfNote ? <div style={{ overflowWrap: 'anywhere' }}>{t('clf.note')}: {item.selfNote}</div> : null}
                  {itemIssues.map((i, n) => (
                    <Typography.Text key={n} type="danger" data-testid="clf-item-error">{(lang === 'en' ? i.messageEn : i.message) || t('clf.itemProblem')}</Typography.Text>
                  ))}
                  <div>
                    {item.attachments.map((f) => (
                      <div key={f.id} style={{ overflowWrap: 'anywhere' }} data-testid="clf-attachment">
                        <a href={classificationApi.attachmentUrl(a.id, k, f.id)} target="_blank" rel="noreferrer"><PaperClipOutlined /> {f.filename}</a>
                        {editable && (
                          <Popconfirm title={t('clf.detachConfirm')} onConfirm={() => void detach(item, f.id)}>
                            <Button type="link" size="small" danger icon={<DeleteOutlined />} aria-label={t('clf.detach')} data-testid="clf-detach" />
                          </Popconfirm>
                        )}
                      </div>
                    ))}
                    {editable && (
                      <FileUpload label={t('clf.attach')} onPick={(file) => void attach(item, file)} onProblem={setUploadProblem} disabled={busy}
                        data-testid={`clf-attach-${k}`} />
                    )}
                  </div>
                  {showCheck && (
                    <div style={{ borderTop: '1px dashed #d9d9d9', paddingTop: 8 }} data-testid="clf-check-block">
                      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center' }}>
                        <span>{t('clf.checkScore')}:</span>
                        {checkable ? (
                          <ScoreInput item={item} value={check[k] ?? null} testId="clf-check"
                            onChange={(v) => { setCheck((s) => ({ ...s, [k]: v })); setDirty(true); }} />
                        ) : <strong>{scoreText(item, item.checkScore, t)}</strong>}
                        {check[k] !== null && check[k] !== undefined && self[k] !== null && check[k] !== self[k] && <Tag color="orange">{t('clf.checkDiffers')}</Tag>}
                      </div>
                      {checkable ? (
                        <Input.TextArea rows={2} maxLength={2000} value={comments[k] ?? ''} placeholder={t('clf.checkComment')} style={{ marginTop: 6 }}
                          onChange={(e) => { setComments((c) => ({ ...c, [k]: e.target.value })); setDirty(true); }} data-testid="clf-check-comment" />
                      ) : item.checkComment ? <div style={{ overflowWrap: 'anywhere' }}>{t('clf.checkComment')}: {item.checkComment}</div> : null}
                    </div>
                  )}
                </Space>
              </Card>
            );
          })}
        </div>
      ))}
      {uploadProblem && <Alert type="warning" showIcon message={uploadProblem} style={{ marginBottom: 8 }} />}

      <Card size="small" title={t('clf.summary')} style={{ marginBottom: 12 }}>
        {editable ? (
          <Input.TextArea rows={3} maxLength={4000} value={summary} onChange={(e) => { setSummary(e.target.value); setDirty(true); }} data-testid="clf-summary" />
        ) : <div style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{a.summary || '—'}</div>}
      </Card>

      <Card size="small" title={t('clf.transitions')} style={{ marginBottom: 12 }} data-testid="clf-transitions">
        <Timeline items={[...a.transitions].reverse().map((x) => ({
          children: (
            <div style={{ overflowWrap: 'anywhere' }}>
              <strong>{isMessageKey(`clf.action.${x.action}`) ? t(`clf.action.${x.action}` as MessageKey) : x.action}</strong> · {formatDateTime(x.at)} · {x.user?.fullName ?? x.user?.username ?? ''}
              {x.comment && <div>{x.comment}</div>}
            </div>
          ),
        }))} />
      </Card>

      <div className="lg-sticky-actions" data-testid="clf-totals" style={{ background: '#fff' }}>
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center', marginBottom: 6 }}>
          <span>{t('clf.selfTotal')}: <strong data-testid="clf-self-total">{formatNumber(selfPreview.total)}/{formatNumber(a.maxPoints)}</strong></span>
          {selfPreview.complete ? <ClassTag cls={selfPreview.cls} /> : <Typography.Text type="secondary">{t('clf.missing', { n: selfPreview.missing.length })}</Typography.Text>}
          {showCheck && (
            <>
              <span>· {t('clf.checkTotal')}: <strong data-testid="clf-check-total">{formatNumber(checkPreview.total)}</strong></span>
              {checkPreview.complete && <ClassTag cls={checkPreview.cls} />}
            </>
          )}
        </div>
        <Space wrap>
          {editable && (
            <>
              <Button icon={<SaveOutlined />} loading={busy} onClick={() => void save()} disabled={missingNotes.length > 0} data-testid="clf-save">{t('common.save')}</Button>
              <Button icon={<ReloadOutlined />} loading={busy} onClick={() => void refresh()} data-testid="clf-refresh">{t('clf.refresh')}</Button>
              <Button type="primary" icon={<SendOutlined />} loading={busy} onClick={() => void submit()} disabled={missingNotes.length > 0}
                data-testid="clf-submit">{t('clf.submit')}</Button>
            </>
          )}
          {checkable && (
            <>
              <Button icon={<CopyOutlined />} onClick={copySelf} data-testid="clf-copy-self">{t('clf.copySelf')}</Button>
              <Button icon={<SaveOutlined />} loading={busy} onClick={() => void saveCheck()} data-testid="clf-save-check">{t('clf.saveCheck')}</Button>
              <Button danger icon={<RollbackOutlined />} onClick={() => setDialog('return')} data-testid="clf-return">{t('clf.return')}</Button>
              <Button type="primary" icon={<CheckCircleOutlined />} onClick={() => setDialog('approve')} data-testid="clf-approve">{t('clf.approve')}</Button>
            </>
          )}
          {a.status === 'approved' && a.checkable && (
            <Button icon={<UnlockOutlined />} onClick={() => setDialog('reopen')} data-testid="clf-reopen">{t('clf.reopen')}</Button>
          )}
        </Space>
      </div>

      <Modal open={dialog !== null} onCancel={() => setDialog(null)} onOk={() => void doDialog()} confirmLoading={busy}
        okButtonProps={{ disabled: dialog !== 'approve' && !dialogText.trim(), ...({ 'data-testid': 'clf-dialog-ok' } as Record<string, string>) }}
        title={dialog ? t(`clf.dialog.${dialog}` as MessageKey) : ''} okText={dialog ? t(`clf.${dialog}` as MessageKey) : ''} cancelText={t('common.cancel')}>
        {dialog === 'approve' ? (
          <Descriptions column={1} size="small">
            <Descriptions.Item label={t('clf.checkTotal')}>{formatNumber(checkPreview.total)}/{formatNumber(a.maxPoints)} {checkPreview.complete && <ClassTag cls={checkPreview.cls} />}</Descriptions.Item>
            <Descriptions.Item label={t('clf.decisionNumber')}>
              <Input value={dialogText} maxLength={100} onChange={(e) => setDialogText(e.target.value)} data-testid="clf-decision-number" />
            </Descriptions.Item>
            <Descriptions.Item label={t('clf.decisionDate')}>
              <DatePicker format={DATE_FORMAT} value={decisionDate} onChange={setDecisionDate} data-testid="clf-decision-date" />
            </Descriptions.Item>
          </Descriptions>
        ) : (
          <Input.TextArea rows={3} maxLength={2000} value={dialogText} onChange={(e) => setDialogText(e.target.value)}
            placeholder={t(dialog === 'reopen' ? 'clf.reopenReason' : 'clf.returnComment')} data-testid="clf-dialog-text" />
        )}
      </Modal>
    </div>
  );
}
