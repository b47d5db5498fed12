// /inspections/new?businessId=&planId= and /inspections/:id: the inspection record (biên bản
// kiểm tra, docs/api-inspections.md) as filled in on a phone in the field: one column of
// sections — business and team, the checklist in force, violations with the legal reference in
// force that day, measures, outreach counts (no names), signature — then save the draft,
// finalise, and download the biên bản. A final record is read-only.
import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import {
  Alert, App, Button, Card, Checkbox, ConfigProvider, DatePicker, Input, InputNumber, Radio, Select, Space, Spin, Switch, Tag, TimePicker, Typography,
} from 'antd';
import dayjs from 'dayjs';
import { CheckCircleOutlined, DownloadOutlined, PlusOutlined, SaveOutlined } from '@ant-design/icons';
import { load } from '../api/get';
import { businessApi, type Business } from '../api/businesses';
import { inspectionApi, itemsOf, type Inspection, type LegalReference } from '../api/inspections';
import { PERM } from '../api/types';
import {
  draftFromInspection, emptyDraft, fineTotal, finaliseProblems, matchesSearch, newViolationKey, suggestedTopics, toInspectionInput,
  type InspectionDraft, type ViolationDraft,
} from '../inspections';
import { formatDate, formatDateTime, formatNumber, todayIso } from '../format';
import { localName, useI18n } from '../i18n';
import { useSession } from '../session';
import { useApi } from '../useApi';
import { ErrorAlert } from '../components/ResultPages';
import { FileUpload } from '../components/FileUpload';
import { DATE_FORMAT, dayjsToIso, isoToDayjs } from '../components/dates';
import { InspectionTags } from './InspectionsPage';
import { topicName, ViolationCard } from './inspections/ViolationCard';

const EVIDENCE_EXT = ['pdf', 'docx', 'jpg', 'jpeg', 'png'];

/** "09:15" as the time picker's value (any day: only hours and minutes are read). */
const hm = (s: string) => (/^\d{2}:\d{2}$/.test(s) ? dayjs(`2000-01-01T${s}`) : null);

export default function InspectionFormPage() {
  const { id } = useParams();
  const isNew = !id || id === 'new';
  const { data: record, error, reload } = useApi(isNew ? null : inspectionApi.one(id));
  if (!isNew && !record) return error ? <ErrorAlert error={error} onRetry={reload} /> : <Spin />;
  return <InspectionForm key={record ? `${record.id}-${record.version}` : 'new'} record={record ?? null} onSaved={reload} />;
}

function InspectionForm({ record, onSaved }: { record: Inspection | null; onSaved: () => void }) {
  const { t, lang } = useI18n();
  const { can } = useSession();
  const { modal, message } = App.useApp();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const num = (k: string) => (params.get(k) && Number.isFinite(Number(params.get(k))) ? Number(params.get(k)) : null);
  const [draft, setDraft] = useState<InspectionDraft>(() =>
    record ? draftFromInspection(record) : emptyDraft(todayIso(), { businessId: num('businessId'), planId: num('planId'), reinspectionOf: num('reinspectionOf') }),
  );
  const set = (patch: Partial<InspectionDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const [busy, setBusy] = useState(false);
  const [err, setErr] = useState<unknown>(null);
  const [warnings, setWarnings] = useState<string[]>([]);
  const readOnly = record?.status === 'final' || !can(PERM.inspectionsWrite);

  // Reference data and the choices of the first section.
  const { data: topicList } = useApi(inspectionApi.topics());
  const topics = itemsOf(topicList);
  const { data: teams } = useApi(inspectionApi.teams());
  const { data: plans } = useApi(readOnly ? null : inspectionApi.plans({ status: 'active' }));
  const { data: business } = useApi(draft.businessId ? businessApi.get(draft.businessId) : null);
  const team = itemsOf(teams).find((x) => x.id === draft.teamId) ?? null;
  const plan = itemsOf(plans).find((p) => p.id === draft.planId) ?? null;

  // A plan brings its team; a single team is chosen for the user.
  useEffect(() => {
    if (draft.teamId !== null || readOnly) return;
    if (plan) set({ teamId: plan.team.id, unannounced: plan.mode === 'unannounced' });
    else if (itemsOf(teams).length === 1) set({ teamId: itemsOf(teams)[0].id });
  }, [plan, teams]); // eslint-disable-line react-hooks/exhaustive-deps

  // The checklist: the version a saved record keeps, else the one in force for the type that day.
  const typeCode = record?.business.typeCode ?? business?.typeCode;
  const { data: checklistInForce, error: checklistError } = useApi(
    typeCode && !record?.checklist?.items.length ? inspectionApi.checklist(typeCode, record ? record.inspectedOn : draft.inspectedOn) : null,
  );
  const items: { id: number; itemKey: string; textVi: string; textEn: string; topic: string | null }[] = useMemo(() => {
    if (record?.checklist && record.checklist.items.length > 0) {
      return record.checklist.items.map((i) => ({ id: i.itemId, itemKey: i.itemKey, textVi: i.textVi, textEn: i.textEn, topic: i.topic }));
    }
    return checklistInForce?.items ?? [];
  }, [record, checklistInForce]);
  const suggestions = readOnly ? [] : suggestedTopics(items, draft);
  const knownRefs: (LegalReference | null)[] = readOnly && record ? record.violations.map((v) => v.legalReference) : [];

  const addViolation = (topic = '') =>
    set({ violations: [...draft.violations, { key: newViolationKey(), topic, description: '', fineAmount: null, sanctionDecision: '' }] });
  const setViolation = (i: number, v: ViolationDraft) => set({ violations: draft.violations.map((x, j) => (j === i ? v : x)) });

  const save = async (): Promise<Inspection | null> => {
    setErr(null);
    setWarnings([]);
    if (draft.businessId === null || draft.teamId === null) {
      setErr(new Error(t('insp.needBusinessTeam')));
      return null;
    }
    setBusy(true);
    try {
      const body = toInspectionInput(draft, team, items.map((i) => i.id), record?.version);
      const saved = record ? await inspectionApi.update(record.id, body) : await inspectionApi.create(body);
      setWarnings((saved.warnings ?? []).map((w) => (lang === 'en' ? w.messageEn || w.message : w.message)));
      return saved;
    } catch (e) {
      setErr(e);
      return null;
    } finally {
      setBusy(false);
    }
  };

  const saveDraft = async () => {
    const saved = await save();
    if (!saved) return;
    message.success(t('insp.saved'));
    if (!record) navigate(`/inspections/${saved.id}`, { replace: true });
    else onSaved();
  };

  const finalise = () => {
    const problems = finaliseProblems(draft);
    if (problems.length) {
      setErr(new Error(problems.map((p) => t(`insp.finalise.${p}` as 'insp.finalise.signature_pending')).join(' ')));
      return;
    }
    modal.confirm({
      title: t('insp.finalise.title'),
      content: t('insp.finalise.confirm'),
      okText: t('insp.finalise.ok'),
      cancelText: t('common.cancel'),
      okButtonProps: { 'data-testid': 'insp-finalise-ok' } as Record<`data-${string}`, string>,
      onOk: async () => {
        const saved = await save();
        if (!saved) return;
        try {
          const done = await inspectionApi.finalise(saved.id, saved.version);
          message.success(t('insp.finalised'));
          if (!record) navigate(`/inspections/${done.id}`, { replace: true });
          else onSaved();
        } catch (e) {
          setErr(e);
          if (!record) navigate(`/inspections/${saved.id}`, { replace: true });
        }
      },
    });
  };

  const [upload, setUpload] = useState<number | null>(null);
  const [uploadProblem, setUploadProblem] = useState('');
  const addEvidence = async (file: File) => {
    if (!record) return;
    setUploadProblem('');
    setUpload(0);
    try {
      await inspectionApi.addEvidence(record.id, file, setUpload);
      onSaved();
    } catch (e) {
      setErr(e);
    } finally {
      setUpload(null);
    }
  };

  return (
    <div className="lg-insp-form" style={{ maxWidth: 760 }}>
      <Typography.Title level={3} className="lg-page-title">
        {record ? `${t('insp.record')} ${record.code}` : t('insp.new')}
      </Typography.Title>
      {record && (
        <Space wrap style={{ marginBottom: 12 }}>
          <InspectionTags x={record} />
          {record.finalisedAt && <Typography.Text type="secondary">{t('insp.finalisedAt', { at: formatDateTime(record.finalisedAt) })}</Typography.Text>}
        </Space>
      )}
      {record?.status === 'final' && (
        <Card size="small" data-testid="insp-documents">
          <Space wrap>
            <Button type="primary" icon={<DownloadOutlined />} href={inspectionApi.documentUrl(record.id, 'docx')} data-testid="insp-doc-docx">
              {t('insp.docx')}
            </Button>
            <Button icon={<DownloadOutlined />} href={inspectionApi.documentUrl(record.id, 'pdf')} target="_blank" data-testid="insp-doc-pdf">
              {t('insp.pdf')}
            </Button>
          </Space>
        </Card>
      )}
      <ErrorAlert error={err} />
      {warnings.length > 0 && <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={warnings.join(' ')} data-testid="insp-warnings" />}

      <ConfigProvider componentDisabled={readOnly}>
        <Card size="small" title={t('insp.section.who')}>
          <label className="lg-field-label">{t('insp.business')}</label>
          {record ? (
            <Typography.Paragraph data-testid="insp-business-name">
              <strong>{record.business.name}</strong> — {record.business.address}
              {record.commune.orgUnit ? ` (${record.commune.orgUnit.name})` : ''}
            </Typography.Paragraph>
          ) : (
            <BusinessPicker value={draft.businessId} initial={business ?? null} onChange={(b) => set({ businessId: b, answers: {} })} />
          )}
          {!record && (
            <>
              <label className="lg-field-label">{t('insp.plan')}</label>
              <Select allowClear style={{ width: '100%', marginBottom: 8 }} value={draft.planId ?? undefined} placeholder={t('insp.noPlan')}
                onChange={(v?: number) => set({ planId: v ?? null })} popupMatchSelectWidth
                options={itemsOf(plans).map((p) => ({ value: p.id, label: `${p.title} (${p.year})` }))} data-testid="insp-plan" />
            </>
          )}
          {record?.plan && <Typography.Paragraph>{t('insp.plan')}: {record.plan.title}</Typography.Paragraph>}
          <label className="lg-field-label">{t('insp.team')}</label>
          <Select style={{ width: '100%', marginBottom: 8 }} value={draft.teamId ?? undefined} placeholder={t('insp.teamPick')}
            onChange={(v: number) => set({ teamId: v, memberIds: [] })}
            options={[
              ...itemsOf(teams).map((x) => ({ value: x.id, label: x.name })),
              // The record's team, even when the reader cannot list it (a commune officer, a province team).
              ...(record && !itemsOf(teams).some((x) => x.id === record.team.id) ? [{ value: record.team.id, label: record.team.name }] : []),
            ]} data-testid="insp-team" />
          {team && (
            <>
              <label className="lg-field-label">{t('insp.membersPresent')}</label>
              <Checkbox.Group
                style={{ display: 'flex', flexDirection: 'column', gap: 4, marginBottom: 8 }}
                value={draft.memberIds}
                onChange={(v) => set({ memberIds: v as number[] })}
                options={team.members.filter((m) => m.active || draft.memberIds.includes(m.id)).map((m) => ({
                  value: m.id,
                  label: `${m.fullName}${m.position ? ` — ${m.position}` : ''}${m.agency ? ` (${m.agency.name})` : ''}`,
                }))}
                data-testid="insp-members"
              />
            </>
          )}
          {readOnly && record && record.membersPresent.length > 0 && !team && (
            <Typography.Paragraph>{record.membersPresent.map((m) => m.fullName).join(', ')}</Typography.Paragraph>
          )}
          <Space wrap align="start">
            <div>
              <label className="lg-field-label">{t('insp.inspectedOn')}</label>
              <DatePicker format={DATE_FORMAT} allowClear={false} value={isoToDayjs(draft.inspectedOn)}
                onChange={(d) => d && set({ inspectedOn: dayjsToIso(d) ?? draft.inspectedOn })} data-testid="insp-date" />
            </div>
            <div>
              <label className="lg-field-label">{t('insp.startTime')}</label>
              <TimePicker format="HH:mm" minuteStep={5} style={{ width: 110 }} value={hm(draft.startTime)} needConfirm={false}
                onChange={(d) => set({ startTime: d ? d.format('HH:mm') : '' })} data-testid="insp-start" />
            </div>
            <div>
              <label className="lg-field-label">{t('insp.endTime')}</label>
              <TimePicker format="HH:mm" minuteStep={5} style={{ width: 110 }} value={hm(draft.endTime)} needConfirm={false}
                onChange={(d) => set({ endTime: d ? d.format('HH:mm') : '' })} data-testid="insp-end" />
            </div>
          </Space>
          <div style={{ margin: '8px 0' }}>
            <Switch checked={draft.unannounced} onChange={(v) => set({ unannounced: v })} data-testid="insp-unannounced" /> {t('insp.unannounced')}
          </div>
          <label className="lg-field-label">{t('insp.representative')}</label>
          <Input maxLength={200} placeholder={t('insp.representativeName')} value={draft.representativeName}
            onChange={(e) => set({ representativeName: e.target.value })} style={{ marginBottom: 8 }} data-testid="insp-rep-name" />
          <Input maxLength={200} placeholder={t('insp.representativeRole')} value={draft.representativeRole}
            onChange={(e) => set({ representativeRole: e.target.value })} data-testid="insp-rep-role" />
        </Card>

        <Card size="small" title={t('insp.section.checklist')} data-testid="insp-checklist"
          extra={checklistInForce ? <Typography.Text type="secondary">v{checklistInForce.version}</Typography.Text> : record?.checklist ? <Typography.Text type="secondary">v{record.checklist.version}</Typography.Text> : null}>
          {!business && !record && <Typography.Text type="secondary">{t('insp.pickBusinessFirst')}</Typography.Text>}
          {checklistError ? <ErrorAlert error={checklistError} /> : null}
          {items.map((it) => {
            const a = draft.answers[it.id];
            return (
              <div key={it.id} className="lg-check-item" data-testid="check-item">
                <div>{lang === 'en' ? it.textEn || it.textVi : it.textVi}</div>
                <Radio.Group
                  optionType="button"
                  buttonStyle="solid"
                  size="small"
                  value={a?.result}
                  onChange={(e) => set({ answers: { ...draft.answers, [it.id]: { result: e.target.value, note: a?.note ?? '' } } })}
                  options={[
                    { value: 'pass', label: t('insp.check.pass') },
                    { value: 'fail', label: t('insp.check.fail') },
                    { value: 'na', label: t('insp.check.na') },
                  ]}
                />
                {a?.result === 'fail' && (
                  <Input size="small" style={{ marginTop: 6 }} maxLength={1000} placeholder={t('insp.check.note')} value={a.note}
                    onChange={(e) => set({ answers: { ...draft.answers, [it.id]: { ...a, note: e.target.value } } })} />
                )}
              </div>
            );
          })}
          {suggestions.map((topic) => (
            <Alert key={topic} type="warning" showIcon style={{ marginTop: 8, flexWrap: 'wrap', rowGap: 6 }} data-testid="insp-suggestion"
              message={t('insp.suggestViolation', { topic: topicName(topics, topic, lang) })}
              action={<Button size="small" onClick={() => addViolation(topic)} data-testid="insp-suggestion-add">{t('insp.addViolation')}</Button>} />
          ))}
          <label className="lg-field-label" style={{ marginTop: 8 }}>{t('insp.findings')}</label>
          <Input.TextArea rows={3} maxLength={5000} value={draft.findings} onChange={(e) => set({ findings: e.target.value })} />
        </Card>

        <Card size="small" title={t('insp.section.violations')} data-testid="insp-violations">
          {draft.violations.length === 0 && <Typography.Paragraph type="secondary">{t('insp.noViolations')}</Typography.Paragraph>}
          {draft.violations.map((v, i) => (
            <ViolationCard key={v.key} v={v} index={i} topics={topics} on={draft.inspectedOn} known={knownRefs[i] ?? null} readOnly={readOnly}
              onChange={(x) => setViolation(i, x)} onRemove={() => set({ violations: draft.violations.filter((_, j) => j !== i) })} />
          ))}
          {!readOnly && <Button icon={<PlusOutlined />} onClick={() => addViolation()} data-testid="insp-add-violation">{t('insp.addViolation')}</Button>}
          <Typography.Paragraph strong style={{ marginTop: 8, marginBottom: 0 }} data-testid="insp-fine-total">
            {t('insp.fineTotal')}: {formatNumber(fineTotal(draft.violations))} đ
          </Typography.Paragraph>
        </Card>

        <Card size="small" title={t('insp.section.measures')}>
          <div style={{ marginBottom: 6 }}>
            <Checkbox checked={draft.measures.suspension} onChange={(e) => set({ measures: { ...draft.measures, suspension: e.target.checked } })}>
              {t('insp.measure.suspension')}
            </Checkbox>
            {draft.measures.suspension && (
              <InputNumber min={1} max={3650} precision={0} addonAfter={t('insp.days')} style={{ width: 160, marginTop: 6, display: 'flex' }}
                value={draft.measures.suspensionDays} onChange={(n) => set({ measures: { ...draft.measures, suspensionDays: n ?? null } })} />
            )}
          </div>
          <div style={{ marginBottom: 6 }}>
            <Checkbox checked={draft.measures.certWithdrawal} onChange={(e) => set({ measures: { ...draft.measures, certWithdrawal: e.target.checked } })}>
              {t('insp.measure.certWithdrawal')}
            </Checkbox>
          </div>
          <Input.TextArea rows={2} maxLength={2000} placeholder={t('insp.measure.other')} value={draft.measures.other}
            onChange={(e) => set({ measures: { ...draft.measures, other: e.target.value } })} style={{ marginBottom: 8 }} />
          <Checkbox checked={draft.policeHandover} onChange={(e) => set({ policeHandover: e.target.checked })}>{t('insp.policeHandover')}</Checkbox>
          {draft.policeHandover && (
            <Input.TextArea rows={2} maxLength={2000} style={{ marginTop: 6 }} placeholder={t('insp.policeHandoverNote')} value={draft.policeHandoverNote}
              onChange={(e) => set({ policeHandoverNote: e.target.value })} />
          )}
          <label className="lg-field-label" style={{ marginTop: 8 }}>{t('insp.reinspectionDue')}</label>
          <DatePicker format={DATE_FORMAT} value={isoToDayjs(draft.reinspectionDue)}
            onChange={(d) => set({ reinspectionDue: dayjsToIso(d) ?? null })} data-testid="insp-reinspection" />
        </Card>

        <Card size="small" title={t('insp.section.outreach')}>
          <Typography.Paragraph type="secondary">{t('insp.outreach.note')}</Typography.Paragraph>
          <Space wrap>
            {(['informed', 'healthChecked', 'referred'] as const).map((k) => (
              <div key={k}>
                <label className="lg-field-label">{t(`insp.outreach.${k}`)}</label>
                <InputNumber min={0} max={100000} precision={0} style={{ width: 130 }} value={draft.outreach[k]}
                  onChange={(n) => set({ outreach: { ...draft.outreach, [k]: n ?? 0 } })} data-testid={`insp-outreach-${k}`} />
              </div>
            ))}
          </Space>
        </Card>

        <Card size="small" title={t('insp.section.signature')}>
          <Radio.Group value={draft.signature} onChange={(e) => set({ signature: e.target.value })} data-testid="insp-signature"
            style={{ display: 'flex', flexDirection: 'column', gap: 6 }}>
            <Radio value="pending">{t('insp.signature.pending')}</Radio>
            <Radio value="signed" data-testid="insp-signed">{t('insp.signature.signed')}</Radio>
            <Radio value="refused" data-testid="insp-refused">{t('insp.signature.refused')}</Radio>
          </Radio.Group>
          {draft.signature === 'refused' && (
            <>
              <label className="lg-field-label" style={{ marginTop: 8 }}>{t('insp.refusalReason')}</label>
              <Input.TextArea rows={2} maxLength={1000} value={draft.refusalReason} onChange={(e) => set({ refusalReason: e.target.value })} data-testid="insp-refusal-reason" />
              <label className="lg-field-label">{t('insp.refusalWitness')}</label>
              <Input maxLength={200} value={draft.refusalWitness} onChange={(e) => set({ refusalWitness: e.target.value })} data-testid="insp-refusal-witness" />
            </>
          )}
        </Card>
      </ConfigProvider>

      <Card size="small" title={t('insp.section.evidence')} data-testid="insp-evidence">
        {(record?.evidence ?? []).map((f) => (
          <div key={f.id}><a href={inspectionApi.evidenceUrl(record!.id, f.id)} target="_blank" rel="noreferrer" style={{ overflowWrap: 'anywhere' }}>{f.filename}</a></div>
        ))}
        {!record && <Typography.Text type="secondary">{t('insp.evidenceAfterSave')}</Typography.Text>}
        {record && !readOnly && (
          <FileUpload label={t('insp.addEvidence')} onPick={addEvidence} onProblem={setUploadProblem} progress={upload}
            extensions={EVIDENCE_EXT} accept=".pdf,.docx,.jpg,.jpeg,.png,image/jpeg,image/png,application/pdf"
            hint={t('insp.evidenceHint')} wrongType={t('insp.evidenceWrongType')} data-testid="insp-evidence-file" />
        )}
        {uploadProblem && <Alert type="warning" showIcon message={uploadProblem} style={{ marginTop: 8 }} />}
      </Card>

      {!readOnly && (
        <div className="lg-sticky-actions">
          <Space wrap>
            <Button icon={<SaveOutlined />} loading={busy} onClick={saveDraft} data-testid="insp-save">{t('insp.saveDraft')}</Button>
            <Button type="primary" icon={<CheckCircleOutlined />} loading={busy} onClick={finalise} data-testid="insp-finalise">{t('insp.finalise.button')}</Button>
          </Space>
        </div>
      )}
      <div style={{ marginTop: 12 }}>
        <Link to="/inspections">{t('insp.backToList')}</Link>
        {record && <Typography.Text type="secondary"> · {t('insp.updatedAt', { at: formatDateTime(record.updatedAt) })}</Typography.Text>}
        {record?.reinspectionDue && <Tag style={{ marginLeft: 8 }}>{t('insp.reinspectionDue')}: {formatDate(record.reinspectionDue)}</Tag>}
      </div>
    </div>
  );
}

/** Searches the registry (the server ignores diacritics; so does the local filter) and picks one business. */
function BusinessPicker({ value, initial, onChange }: { value: number | null; initial: Business | null; onChange: (id: number | null) => void }) {
  const { t, lang } = useI18n();
  const [q, setQ] = useState('');
  const [found, setFound] = useState<Business[]>([]);
  const [loading, setLoading] = useState(false);
  const { data: types } = useApi(businessApi.types());
  useEffect(() => {
    const ctl = new AbortController();
    const timer = window.setTimeout(() => {
      setLoading(true);
      load(businessApi.list({ q: q.trim() || undefined, status: 'operating', pageSize: 20 }), ctl.signal).then(
        (p) => { setFound(p.items); setLoading(false); },
        () => setLoading(false),
      );
    }, 250);
    return () => { window.clearTimeout(timer); ctl.abort(); };
  }, [q]);
  const list = initial && !found.some((b) => b.id === initial.id) ? [initial, ...found] : found;
  const typeName = (code: string) => localName(types?.items.find((x) => x.code === code), lang, code);
  return (
    <Select
      showSearch
      allowClear
      style={{ width: '100%', marginBottom: 8 }}
      placeholder={t('insp.businessSearch')}
      value={value ?? undefined}
      loading={loading}
      onSearch={setQ}
      filterOption={(input, opt) => matchesSearch(String(opt?.title ?? ''), input)}
      onChange={(v?: number) => onChange(v ?? null)}
      notFoundContent={loading ? <Spin size="small" /> : t('insp.noBusiness')}
      options={list.map((b) => ({
        value: b.id,
        title: `${b.name} ${b.address}`,
        name: b.name,
        label: (
          <div style={{ whiteSpace: 'normal' }}>
            <strong>{b.name}</strong>
            <div style={{ fontSize: 12, color: '#888' }}>{typeName(b.typeCode)} · {b.address}</div>
          </div>
        ),
      }))}
      optionLabelProp="name"
      data-testid="insp-business"
    />
  );
}
