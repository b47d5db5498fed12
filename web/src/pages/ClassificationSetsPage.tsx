// /classification/sets: the criteria sets (issue 18 §1, docs/api-classification.md) — dated data,
// not code. The national editable default with its source note shown prominently, a set's sections,
// criteria, points, evidence rules and classes in words; for classification.criteria holders the
// province's own version (a copy of a set), editing the draft, publishing, deleting. A 422 names
// the path of each fault (criteria[2].maxPoints), shown beside the field and in a list.
import { useEffect, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { Alert, App, Button, Card, DatePicker, Empty, Input, InputNumber, Modal, Popconfirm, Space, Spin, Tag, Typography } from 'antd';
import { CopyOutlined, DeleteOutlined, EditOutlined, SaveOutlined, SendOutlined, WarningOutlined } from '@ant-design/icons';
import { PERM } from '../api/types';
import { ApiError } from '../api/errors';
import { classificationApi, type CriteriaSet, type Definition } from '../api/classification';
import { describeClass, describeEvidence, issuesOf, type Issue } from '../classification';
import { formatDate, formatNumber, formatValidity, todayIso } from '../format';
import { isMessageKey, useI18n, type MessageKey } from '../i18n';
import { useSession } from '../session';
import { useApi } from '../useApi';
import { ErrorAlert } from '../components/ResultPages';
import { OrgUnitSelect } from '../components/OrgUnitSelect';
import { DATE_FORMAT, dayjsToIso, isoToDayjs } from '../components/dates';

function SetCard({ s, active, onOpen }: { s: CriteriaSet; active: boolean; onOpen: () => void }) {
  const { t } = useI18n();
  return (
    <Card size="small" hoverable onClick={onOpen} style={{ marginBottom: 8, borderColor: active ? '#1677ff' : undefined }} data-testid="clf-set-card">
      <div style={{ overflowWrap: 'anywhere' }}><strong>{s.title}</strong> · v{s.version}</div>
      <Space wrap size={4} style={{ marginTop: 4 }}>
        <Tag>{s.ownerUnit ? s.ownerUnit.name : t('clf.national')}</Tag>
        <Tag color={s.status === 'published' ? 'green' : 'blue'}>{t(s.status === 'published' ? 'clf.set.published' : 'clf.set.draft')}</Tag>
        {s.isDefault && <Tag color="orange" icon={<WarningOutlined />}>{t('clf.set.default')}</Tag>}
        <span>{formatValidity(s.validFrom, s.validTo)}</span>
        <span>{t('clf.set.maxPoints', { n: formatNumber(s.maxPoints) })}</span>
      </Space>
    </Card>
  );
}

/** The faults of one path ("criteria[2].maxPoints") and of the paths below it. */
function FieldError({ issues, path }: { issues: Issue[]; path: string }) {
  const { lang } = useI18n();
  const mine = issues.filter((i) => i.key === path || i.key.startsWith(`${path}.`));
  if (!mine.length) return null;
  return (
    <div>
      {mine.map((i, n) => <Typography.Text key={n} type="danger" data-testid="clf-field-error">{lang === 'en' ? i.messageEn || i.message : i.message || i.messageEn}</Typography.Text>)}
    </div>
  );
}

function num(v: number | null | undefined): number | null {
  return v === undefined ? null : v;
}

function SetView({ s, onChanged, editable }: { s: CriteriaSet; onChanged: (next: CriteriaSet | null) => void; editable: boolean }) {
  const { t, lang, errText } = useI18n();
  const { message } = App.useApp();
  const [edit, setEdit] = useState(false);
  const [def, setDef] = useState<Definition | undefined>(s.definition);
  const [head, setHead] = useState({ title: s.title, validFrom: s.validFrom, validTo: s.validTo, sourceNote: s.sourceNote });
  const [issues, setIssues] = useState<Issue[]>([]);
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    setDef(s.definition ? structuredClone(s.definition) : undefined);
    setHead({ title: s.title, validFrom: s.validFrom, validTo: s.validTo, sourceNote: s.sourceNote });
    setIssues([]);
    setFailure(null);
  }, [s]);
  const d = edit ? def : s.definition;
  if (!d) return <Spin />;

  const run = async (f: () => Promise<CriteriaSet | null>, ok: MessageKey) => {
    setBusy(true);
    setIssues([]);
    setFailure(null);
    try {
      const next = await f();
      message.success(t(ok));
      setEdit(false);
      onChanged(next);
    } catch (e) {
      setFailure(e);
      if (e instanceof ApiError) setIssues(issuesOf(e.raw));
    } finally {
      setBusy(false);
    }
  };
  const save = () => run(() => classificationApi.updateSet(s.id, {
    ownerUnitCode: s.ownerUnit?.code ?? null, ...head, definition: def, rowVersion: s.rowVersion,
  }), 'clf.set.saved');
  const publish = () => run(() => classificationApi.publishSet(s.id, s.rowVersion), 'clf.set.publishedOk');
  const remove = () => run(async () => { await classificationApi.deleteSet(s.id); return null; }, 'clf.set.deleted');

  const upd = (f: (x: Definition) => void) => setDef((cur) => {
    if (!cur) return cur;
    const next = structuredClone(cur);
    f(next);
    return next;
  });
  const metricName = (m: string) => {
    const k = `clf.metric.${m}`;
    return isMessageKey(k) ? t(k) : m;
  };
  const draft = s.status === 'draft' && editable;

  return (
    <div data-testid="clf-set-view">
      <Typography.Title level={4} style={{ overflowWrap: 'anywhere' }}>{s.title} · v{s.version}</Typography.Title>
      {(s.isDefault || s.sourceNote) && (
        <Alert type={s.isDefault ? 'warning' : 'info'} showIcon style={{ marginBottom: 12 }} data-testid="clf-source-note"
          message={s.isDefault ? t('clf.set.defaultNote') : t('clf.set.source')}
          description={<div style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{s.sourceNote}</div>} />
      )}
      <Space wrap style={{ marginBottom: 12 }}>
        <Tag>{s.ownerUnit ? s.ownerUnit.name : t('clf.national')}</Tag>
        <Tag color={s.status === 'published' ? 'green' : 'blue'}>{t(s.status === 'published' ? 'clf.set.published' : 'clf.set.draft')}</Tag>
        <span>{t('clf.set.validity')}: {formatValidity(s.validFrom, s.validTo)}</span>
        {s.publishedAt && <span>{t('clf.set.publishedAt')}: {formatDate(s.publishedAt)}</span>}
      </Space>
      {failure !== null && (
        <Alert type="error" showIcon style={{ marginBottom: 12 }} data-testid="clf-set-error" message={errText(failure)}
          description={issues.length ? <ul style={{ margin: 0, paddingLeft: 18 }}>{issues.map((i, n) => <li key={n}><code>{i.key}</code>: {lang === 'en' ? i.messageEn : i.message}</li>)}</ul> : undefined} />
      )}
      {draft && (
        <Space wrap style={{ marginBottom: 12 }}>
          {!edit && <Button icon={<EditOutlined />} onClick={() => setEdit(true)} data-testid="clf-set-edit">{t('clf.set.edit')}</Button>}
          {edit && <Button type="primary" icon={<SaveOutlined />} loading={busy} onClick={() => void save()} data-testid="clf-set-save">{t('common.save')}</Button>}
          {edit && <Button onClick={() => { setEdit(false); setDef(s.definition); setIssues([]); }}>{t('common.cancel')}</Button>}
          {!edit && <Popconfirm title={t('clf.set.publishConfirm')} onConfirm={() => void publish()}>
            <Button type="primary" icon={<SendOutlined />} loading={busy} data-testid="clf-set-publish">{t('clf.set.publish')}</Button>
          </Popconfirm>}
          {!edit && <Popconfirm title={t('clf.set.deleteConfirm')} onConfirm={() => void remove()}>
            <Button danger icon={<DeleteOutlined />} loading={busy} data-testid="clf-set-delete">{t('clf.set.delete')}</Button>
          </Popconfirm>}
        </Space>
      )}
      {edit && (
        <Card size="small" style={{ marginBottom: 12 }}>
          <Space direction="vertical" style={{ width: '100%' }}>
            <label>{t('clf.set.title')}<Input value={head.title} maxLength={500} onChange={(e) => setHead({ ...head, title: e.target.value })} data-testid="clf-set-title" /></label>
            <FieldError issues={issues} path="title" />
            <Space wrap>
              <label>{t('clf.set.validFrom')} <DatePicker format={DATE_FORMAT} allowClear={false} value={isoToDayjs(head.validFrom)}
                onChange={(v) => setHead({ ...head, validFrom: dayjsToIso(v) ?? head.validFrom })} /></label>
              <label>{t('clf.set.validTo')} <DatePicker format={DATE_FORMAT} value={isoToDayjs(head.validTo)}
                onChange={(v) => setHead({ ...head, validTo: dayjsToIso(v) ?? null })} /></label>
            </Space>
            <FieldError issues={issues} path="validFrom" />
            <FieldError issues={issues} path="validTo" />
            <label>{t('clf.set.sourceNote')}<Input.TextArea rows={2} maxLength={2000} value={head.sourceNote} onChange={(e) => setHead({ ...head, sourceNote: e.target.value })} /></label>
          </Space>
        </Card>
      )}

      {d.sections.map((sec, si) => (
        <div key={sec.key} style={{ marginBottom: 12 }}>
          {edit ? (
            <Space direction="vertical" style={{ width: '100%' }}>
              <Input addonBefore={sec.key} value={sec.titleVi} maxLength={500} onChange={(e) => upd((x) => { x.sections[si].titleVi = e.target.value; })} />
              <Input addonBefore="EN" value={sec.titleEn} maxLength={500} onChange={(e) => upd((x) => { x.sections[si].titleEn = e.target.value; })} />
              <FieldError issues={issues} path={`sections[${si}]`} />
            </Space>
          ) : <Typography.Title level={5} style={{ overflowWrap: 'anywhere' }}>{sec.key}. {lang === 'en' ? sec.titleEn : sec.titleVi}</Typography.Title>}
          {d.criteria.map((c, ci) => c.section !== sec.key ? null : (
            <Card key={c.key} size="small" style={{ marginTop: 6 }} data-testid={`clf-criterion-${c.key}`}>
              {edit ? (
                <Space direction="vertical" style={{ width: '100%' }}>
                  <strong>{c.key}</strong>
                  <Input.TextArea rows={2} maxLength={500} value={c.textVi} onChange={(e) => upd((x) => { x.criteria[ci].textVi = e.target.value; })} />
                  <Input.TextArea rows={2} maxLength={500} value={c.textEn} onChange={(e) => upd((x) => { x.criteria[ci].textEn = e.target.value; })} />
                  {c.kind === 'points' && (
                    <label>{t('clf.set.maxPointsLabel')} <InputNumber min={1} max={100} precision={0} value={c.maxPoints ?? null}
                      onChange={(v) => upd((x) => { x.criteria[ci].maxPoints = v ?? 0; })} data-testid={`clf-max-${c.key}`} /></label>
                  )}
                  {c.evidence && (
                    <Space wrap>
                      <span>{metricName(c.evidence.metric)}:</span>
                      {(['fullAt', 'partialAt', 'fullAtMost', 'partialAtMost', 'passAtMost', 'passAtLeast'] as const).filter((f) => c.evidence?.[f] != null).map((f) => (
                        <label key={f}>{t(`clf.rule.${f}` as MessageKey)} <InputNumber min={0} value={num(c.evidence?.[f])} style={{ width: 90 }}
                          onChange={(v) => upd((x) => { if (x.criteria[ci].evidence) x.criteria[ci].evidence![f] = v ?? 0; })} /></label>
                      ))}
                    </Space>
                  )}
                  <FieldError issues={issues} path={`criteria[${ci}]`} />
                </Space>
              ) : (
                <div style={{ overflowWrap: 'anywhere' }}>
                  <div><strong>{c.key}</strong> · {lang === 'en' ? c.textEn : c.textVi}</div>
                  <Space wrap size={4} style={{ marginTop: 4 }}>
                    <Tag color={c.kind === 'points' ? 'blue' : 'purple'}>
                      {c.kind === 'points' ? t('clf.maxPoints', { n: formatNumber(c.maxPoints ?? 0) }) + (c.partial ? '' : ` (${t('clf.set.noPartial')})`) : t('clf.passFail')}
                    </Tag>
                    {c.evidence && <Tag>{metricName(c.evidence.metric)}</Tag>}
                  </Space>
                  <div><Typography.Text type="secondary">{t('clf.set.rule')}: {describeEvidence(c, lang)}</Typography.Text></div>
                </div>
              )}
            </Card>
          ))}
        </div>
      ))}
      <Typography.Title level={5}>{t('clf.set.classes')}</Typography.Title>
      {[...d.classes].map((cl, i) => ({ cl, i })).sort((a, b) => a.cl.rank - b.cl.rank).map(({ cl, i }) => (
        <Card key={cl.code} size="small" style={{ marginBottom: 6 }} data-testid={`clf-class-${cl.code}`}>
          {edit ? (
            <Space direction="vertical" style={{ width: '100%' }}>
              <Input addonBefore={cl.rank} value={cl.labelVi} maxLength={500} onChange={(e) => upd((x) => { x.classes[i].labelVi = e.target.value; })} />
              <Input addonBefore="EN" value={cl.labelEn} maxLength={500} onChange={(e) => upd((x) => { x.classes[i].labelEn = e.target.value; })} />
              <Space wrap>
                <label>{t('clf.set.minPoints')} <InputNumber min={0} max={1000} precision={0} value={cl.minPoints ?? null}
                  onChange={(v) => upd((x) => { x.classes[i].minPoints = v ?? null; })} data-testid={`clf-min-${cl.code}`} /></label>
                {(cl.kOfN ?? []).map((r, ri) => (
                  <label key={ri}>k ({r.criteria.join(', ')}) <InputNumber min={1} max={r.criteria.length} precision={0} value={r.k}
                    onChange={(v) => upd((x) => { x.classes[i].kOfN![ri].k = v ?? 1; })} /></label>
                ))}
              </Space>
              <FieldError issues={issues} path={`classes[${i}]`} />
            </Space>
          ) : (
            <div style={{ overflowWrap: 'anywhere' }}>
              <Space wrap size={4}><Tag color={cl.healthy ? 'green' : 'default'}>{cl.rank}</Tag><strong>{lang === 'en' ? cl.labelEn : cl.labelVi}</strong></Space>
              <div>{describeClass(cl, lang)}</div>
            </div>
          )}
        </Card>
      ))}
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        {t('clf.set.mergeRule')}: {t(d.mergeRule === 'highest' ? 'clf.ruleHighest' : 'clf.ruleLowest')}
      </Typography.Paragraph>
    </div>
  );
}

export default function ClassificationSetsPage() {
  const { t, errText } = useI18n();
  const { me, can } = useSession();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const openId = params.get('id');
  const manager = can(PERM.classificationCriteria);
  const ownProvince = me?.orgUnit?.kind === 'province' ? me.orgUnit.code : undefined;
  const { data: national, error, reload } = useApi(classificationApi.sets('national'));
  const { data: provincial, reload: reloadP } = useApi(ownProvince ? classificationApi.sets(ownProvince) : null);
  const { data: open, reload: reloadOpen } = useApi(openId ? classificationApi.set(openId) : null);
  const [copyOpen, setCopyOpen] = useState(false);
  const [copy, setCopy] = useState({ owner: ownProvince as string | undefined, title: '', validFrom: `${todayIso().slice(0, 4)}-01-01` });
  const [busy, setBusy] = useState(false);
  const all = [...(provincial?.items ?? []), ...(national?.items ?? [])];
  useEffect(() => {
    if (!openId && all.length > 0) setParams({ id: String(all.find((s) => s.status === 'published')?.id ?? all[0].id) }, { replace: true });
  }, [openId, all.length]); // eslint-disable-line react-hooks/exhaustive-deps

  const doCopy = async () => {
    if (!open) return;
    setBusy(true);
    try {
      const made = await classificationApi.createSet({
        ownerUnitCode: copy.owner ?? null, title: copy.title.trim() || open.title, validFrom: copy.validFrom, validTo: null,
        sourceNote: open.sourceNote, copyFrom: open.id,
      });
      setCopyOpen(false);
      reload();
      reloadP();
      navigate(`/classification/sets?id=${made.id}`);
    } catch (e) {
      message.error(errText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div style={{ maxWidth: 1100 }}>
      <Typography.Title level={3} className="lg-page-title">{t('clf.set.pageTitle')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('clf.set.hint')}</Typography.Paragraph>
      <ErrorAlert error={error} onRetry={reload} />
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 16, alignItems: 'flex-start' }}>
        <div style={{ flex: '1 1 280px', maxWidth: '100%', minWidth: 0 }} data-testid="clf-set-list">
          {all.length === 0 && national && <Empty />}
          {all.map((s) => <SetCard key={s.id} s={s} active={String(s.id) === openId} onOpen={() => setParams({ id: String(s.id) })} />)}
        </div>
        <div style={{ flex: '3 1 480px', maxWidth: '100%', minWidth: 0 }}>
          {open && manager && (
            <Button icon={<CopyOutlined />} style={{ marginBottom: 8 }} onClick={() => { setCopy({ ...copy, title: `${open.title} (${me?.orgUnit?.name ?? ''})` }); setCopyOpen(true); }}
              data-testid="clf-set-copy">{t('clf.set.copy')}</Button>
          )}
          {open ? <SetView s={open} editable={manager} onChanged={(next) => {
            reload();
            reloadP();
            if (next) { if (String(next.id) === openId) reloadOpen(); else setParams({ id: String(next.id) }); } else setParams({});
          }} /> : openId ? <Spin /> : null}
        </div>
      </div>
      <Modal open={copyOpen} title={t('clf.set.copy')} onCancel={() => setCopyOpen(false)} onOk={() => void doCopy()} confirmLoading={busy}
        okText={t('clf.set.create')} cancelText={t('common.cancel')}>
        <Space direction="vertical" style={{ width: '100%' }}>
          <label>{t('clf.set.title')}<Input value={copy.title} maxLength={500} onChange={(e) => setCopy({ ...copy, title: e.target.value })} data-testid="clf-copy-title" /></label>
          {!ownProvince && (
            <label>{t('clf.set.owner')}<OrgUnitSelect allowClear value={copy.owner} onChange={(v) => setCopy({ ...copy, owner: v })} placeholder={t('clf.national')} style={{ width: '100%' }} /></label>
          )}
          <label>{t('clf.set.validFrom')} <DatePicker format={DATE_FORMAT} allowClear={false} value={isoToDayjs(copy.validFrom)}
            onChange={(v) => setCopy({ ...copy, validFrom: dayjsToIso(v) ?? copy.validFrom })} /></label>
        </Space>
      </Modal>
    </div>
  );
}
