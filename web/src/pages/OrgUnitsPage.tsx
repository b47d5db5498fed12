// /org-units: the administrative hierarchy as it stood on a chosen date — a lazily loaded tree,
// a diacritic-insensitive search, and the selected unit's details with its lineage.
// The selected unit and the date live in the URL (?code=52&asOf=2025-06-30) so a view can be
// shared and the browser's Back button undoes a jump along the lineage.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { load } from '../api/get';
import { orgUnitApi } from '../api/orgUnits';
import {
  Alert,
  Breadcrumb,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Empty,
  Form,
  Input,
  List,
  Row,
  Space,
  Spin,
  Table,
  Tag,
  Tooltip,
  Tree,
  Typography,
} from 'antd';
import type { DataNode, EventDataNode } from 'antd/es/tree';
import { ApiError, isAbort } from '../api/api';
import type { Lineage, OrgUnit, OrgUnitDetail, OrgUnitRef, Page } from '../api/types';
import { addDays, formatDate, formatNumber, todayIso } from '../format';
import { isMessageKey, localName, useI18n } from '../i18n';
import { useOrgUnitKinds } from '../reference';
import { ErrorAlert } from '../components/ResultPages';
import { DATE_FORMAT, isoToDayjs } from '../components/dates';

const SEARCH_LIMIT = 50;
/** Safety bound on paging through one parent's children (500 a page). */
const MAX_PAGES = 20;

async function fetchAllUnits(asOf: string, parent?: string): Promise<OrgUnit[]> {
  const out: OrgUnit[] = [];
  for (let page = 1; page <= MAX_PAGES; page++) {
    const r = await load(orgUnitApi.list({ asOf, parent, page, pageSize: 500, sort: 'name' }));
    out.push(...r.items);
    if (out.length >= r.total || r.items.length === 0) break;
  }
  return out;
}

export default function OrgUnitsPage() {
  const { t, lang } = useI18n();
  const kinds = useOrgUnitKinds();
  const [params, setParams] = useSearchParams();
  const asOf = params.get('asOf') || todayIso();
  const code = params.get('code');

  const kindLabel = useCallback(
    (kind: string) => localName(kinds.find((k) => k.code === kind), lang, kind),
    [kinds, lang],
  );

  const go = useCallback(
    (next: { code?: string | null; asOf?: string }) => {
      const p = new URLSearchParams(params);
      if (next.asOf !== undefined) p.set('asOf', next.asOf);
      else if (!p.get('asOf')) p.set('asOf', asOf);
      if (next.code !== undefined) {
        if (next.code) p.set('code', next.code);
        else p.delete('code');
      }
      setParams(p);
    },
    [params, setParams, asOf],
  );

  // ---- Tree -------------------------------------------------------------------------------
  const [roots, setRoots] = useState<OrgUnit[] | null>(null);
  const [children, setChildren] = useState<Record<string, OrgUnit[]>>({});
  const [expanded, setExpanded] = useState<string[]>([]);
  const [treeError, setTreeError] = useState<unknown>(null);
  // Answers for an earlier date are dropped: each date change starts a new generation.
  const generation = useRef(0);
  const childrenRef = useRef(children);
  childrenRef.current = children;

  const loadRoots = useCallback(() => {
    const gen = ++generation.current;
    setRoots(null);
    setChildren({});
    setExpanded([]);
    setTreeError(null);
    fetchAllUnits(asOf).then(
      (units) => gen === generation.current && setRoots(units),
      (e) => {
        if (gen !== generation.current) return;
        setTreeError(e);
        setRoots([]);
      },
    );
  }, [asOf]);

  useEffect(loadRoots, [loadRoots]);

  const loadChildren = useCallback(
    async (parent: string) => {
      if (childrenRef.current[parent]) return;
      const gen = generation.current;
      try {
        const units = await fetchAllUnits(asOf, parent);
        if (gen !== generation.current) return;
        childrenRef.current = { ...childrenRef.current, [parent]: units };
        setChildren((c) => ({ ...c, [parent]: units }));
      } catch (e) {
        if (gen !== generation.current) return;
        setTreeError(e);
        childrenRef.current = { ...childrenRef.current, [parent]: [] };
        setChildren((c) => ({ ...c, [parent]: [] }));
      }
    },
    [asOf],
  );

  const treeData = useMemo<DataNode[]>(() => {
    const build = (u: OrgUnit): DataNode => ({
      key: u.code,
      title: (
        <span>
          {u.name} ({u.code}){' '}
          <Tag bordered={false} style={{ marginInlineStart: 4 }}>
            {kindLabel(u.kind)}
          </Tag>
        </span>
      ),
      isLeaf: u.childCount === 0,
      children: children[u.code]?.map(build),
    });
    return (roots ?? []).map(build);
  }, [roots, children, kindLabel]);

  // ---- Search -----------------------------------------------------------------------------
  const [q, setQ] = useState('');
  const [results, setResults] = useState<Page<OrgUnit> | null>(null);
  const [searching, setSearching] = useState(false);
  const [searchError, setSearchError] = useState<unknown>(null);
  const query = q.trim();

  useEffect(() => {
    if (!query) {
      setResults(null);
      setSearchError(null);
      return;
    }
    const ctl = new AbortController();
    const timer = window.setTimeout(() => {
      setSearching(true);
      load(orgUnitApi.list({ q: query, asOf, pageSize: SEARCH_LIMIT }), ctl.signal)
        .then(
          (r) => {
            setResults(r);
            setSearchError(null);
            setSearching(false);
          },
          (e) => {
            if (isAbort(e)) return;
            setSearchError(e);
            setSearching(false);
          },
        );
    }, 300);
    return () => {
      window.clearTimeout(timer);
      ctl.abort();
    };
  }, [query, asOf]);

  // ---- Detail -----------------------------------------------------------------------------
  const [detail, setDetail] = useState<OrgUnitDetail | null>(null);
  const [detailLoading, setDetailLoading] = useState(false);
  const [detailError, setDetailError] = useState<unknown>(null);

  useEffect(() => {
    setDetail(null);
    setDetailError(null);
    if (!code) return;
    const ctl = new AbortController();
    setDetailLoading(true);
    load(orgUnitApi.one(code, asOf), ctl.signal).then(
      (d) => {
        setDetail(d);
        setDetailLoading(false);
      },
      (e) => {
        if (isAbort(e)) return;
        setDetailError(e);
        setDetailLoading(false);
      },
    );
    return () => ctl.abort();
  }, [code, asOf]);

  // Reveal the selected unit in the tree: load and open each ancestor, root first.
  useEffect(() => {
    if (!detail || roots === null) return;
    let live = true;
    (async () => {
      const path = detail.ancestors.map((a) => a.code);
      for (const c of path) {
        if (!live) return;
        await loadChildren(c);
      }
      if (live && path.length) setExpanded((e) => Array.from(new Set([...e, ...path])));
    })();
    return () => {
      live = false;
    };
  }, [detail, roots, loadChildren]);

  const select = (c: string) => go({ code: c });

  return (
    <div>
      <Typography.Title level={3} className="lg-page-title">
        {t('org.title')}
      </Typography.Title>
      <Form layout="inline" className="lg-filters">
        <Form.Item label={t('org.asOf')}>
          <DatePicker
            value={isoToDayjs(asOf)}
            format={DATE_FORMAT}
            placeholder={t('common.datePlaceholder')}
            allowClear={false}
            onChange={(d) => go({ asOf: d ? d.format('YYYY-MM-DD') : todayIso() })}
            data-testid="asof-picker"
          />
        </Form.Item>
        <Form.Item style={{ flex: 1, minWidth: 260 }}>
          <Input.Search
            allowClear
            value={q}
            placeholder={t('org.searchPlaceholder')}
            onChange={(e) => setQ(e.target.value)}
            onSearch={setQ}
            loading={searching}
            data-testid="org-search"
          />
        </Form.Item>
      </Form>

      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10}>
          {query ? (
            <div data-testid="org-search-results">
              <ErrorAlert error={searchError} />
              <List<OrgUnit>
                size="small"
                bordered
                loading={searching && !results}
                header={
                  results ? (
                    <Typography.Text strong>
                      {t('org.searchResults', { n: formatNumber(results.total) })}
                    </Typography.Text>
                  ) : undefined
                }
                footer={
                  results && results.total > results.items.length ? (
                    <Typography.Text type="secondary">
                      {t('org.searchMore', { shown: formatNumber(results.items.length) })}
                    </Typography.Text>
                  ) : undefined
                }
                locale={{ emptyText: t('org.noResults') }}
                dataSource={results?.items ?? []}
                renderItem={(u) => (
                  <List.Item
                    className={`lg-search-result${u.code === code ? ' lg-selected' : ''}`}
                    onClick={() => select(u.code)}
                    data-testid="org-search-result"
                    data-code={u.code}
                  >
                    <List.Item.Meta
                      title={`${u.name} (${u.code})`}
                      description={[u.typeLabel || kindLabel(u.kind), u.parentCode ? `↑ ${u.parentCode}` : '']
                        .filter(Boolean)
                        .join(' · ')}
                    />
                    <Tag bordered={false}>{kindLabel(u.kind)}</Tag>
                  </List.Item>
                )}
              />
            </div>
          ) : (
            <div data-testid="org-tree" style={{ maxHeight: '70vh', overflow: 'auto' }}>
              <ErrorAlert error={treeError} onRetry={loadRoots} />
              {roots === null ? (
                <Spin />
              ) : roots.length === 0 && !treeError ? (
                <Empty description={t('org.noUnits')} />
              ) : (
                <Tree
                  key={asOf}
                  showLine
                  blockNode
                  virtual={false}
                  treeData={treeData}
                  loadedKeys={Object.keys(children)}
                  expandedKeys={expanded}
                  onExpand={(keys) => setExpanded(keys.map(String))}
                  selectedKeys={code ? [code] : []}
                  onSelect={(keys) => keys.length && select(String(keys[0]))}
                  loadData={(node: EventDataNode<DataNode>) => loadChildren(String(node.key))}
                />
              )}
            </div>
          )}
        </Col>
        <Col xs={24} lg={14}>
          <Card data-testid="org-detail" title={t('org.detail')} size="small">
            {!code ? (
              <Empty description={t('org.selectHint')} />
            ) : detailLoading ? (
              <Spin />
            ) : detailError ? (
              detailError instanceof ApiError && detailError.status === 404 ? (
                <Alert
                  type="warning"
                  showIcon
                  message={t('org.notValidOnDate', { code, date: formatDate(asOf) })}
                />
              ) : (
                <ErrorAlert error={detailError} />
              )
            ) : detail ? (
              <UnitDetail
                unit={detail}
                kindLabel={kindLabel}
                onSelect={select}
                onJump={(c, date) => go({ code: c, asOf: date })}
              />
            ) : null}
          </Card>
        </Col>
      </Row>
    </div>
  );
}

interface DetailProps {
  unit: OrgUnitDetail;
  kindLabel: (kind: string) => string;
  onSelect: (code: string) => void;
  onJump: (code: string, asOf: string) => void;
}

function UnitDetail({ unit, kindLabel, onSelect, onJump }: DetailProps) {
  const { t } = useI18n();
  const breadcrumb = [
    ...unit.ancestors.map((a) => ({
      key: a.code,
      title: (
        <Typography.Link onClick={() => onSelect(a.code)}>
          {a.name} ({a.code})
        </Typography.Link>
      ),
    })),
    { key: unit.code, title: <span>{unit.name}</span> },
  ];
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Descriptions bordered size="small" column={1} labelStyle={{ width: 180 }}>
        <Descriptions.Item label={t('org.fullName')}>
          <span data-testid="org-detail-name">{unit.fullName || unit.name}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('org.code')}>
          <span data-testid="org-detail-code">{unit.code}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('org.kind')}>{kindLabel(unit.kind)}</Descriptions.Item>
        <Descriptions.Item label={t('org.typeLabel')}>{unit.typeLabel || '—'}</Descriptions.Item>
        <Descriptions.Item label={t('org.validFrom')}>{formatDate(unit.validFrom)}</Descriptions.Item>
        <Descriptions.Item label={t('org.validTo')}>{formatDate(unit.validTo)}</Descriptions.Item>
        <Descriptions.Item label={t('org.path')}>
          {unit.ancestors.length ? <Breadcrumb items={breadcrumb} data-testid="org-path" /> : t('org.topLevel')}
        </Descriptions.Item>
        <Descriptions.Item label={t('org.children')}>{formatNumber(unit.childCount)}</Descriptions.Item>
        <Descriptions.Item label={t('org.leadAgency')}>
          <span data-testid="org-lead-agency">
            {unit.leadAgency
              ? unit.leadAgency.shortName && unit.leadAgency.shortName !== unit.leadAgency.name
                ? `${unit.leadAgency.name} (${unit.leadAgency.shortName})`
                : unit.leadAgency.name
              : '—'}
          </span>
        </Descriptions.Item>
      </Descriptions>
      <LineageTable
        title={t('org.predecessors')}
        rows={unit.predecessors}
        testId="org-predecessors"
        // A predecessor is shown as it stood on the eve of the event.
        target={(l) => addDays(l.date, -1)}
        onJump={onJump}
        kindLabel={kindLabel}
      />
      <LineageTable
        title={t('org.successors')}
        rows={unit.successors}
        testId="org-successors"
        target={(l) => l.date}
        onJump={onJump}
        kindLabel={kindLabel}
      />
    </Space>
  );
}

interface LineageTableProps {
  title: string;
  rows: Lineage[];
  testId: string;
  target: (l: Lineage) => string;
  onJump: (code: string, asOf: string) => void;
  kindLabel: (kind: string) => string;
}

function LineageTable({ title, rows, testId, target, onJump, kindLabel }: LineageTableProps) {
  const { t } = useI18n();
  const unitText = (u: OrgUnitRef) => `${u.name} (${u.code})`;
  const lineageLabel = (type: string) => {
    const key = `lineage.${type}`;
    return isMessageKey(key) ? t(key) : type;
  };
  return (
    <div data-testid={testId}>
      <Typography.Title level={5}>{title}</Typography.Title>
      <Table<Lineage>
        size="small"
        pagination={false}
        rowKey={(l) => `${l.type}-${l.date}-${l.unit.code}-${l.unit.id}`}
        dataSource={rows}
        locale={{ emptyText: t('common.none') }}
        columns={[
          {
            title: t('org.lineageType'),
            dataIndex: 'type',
            render: (type: string, l) => (
              <Space size={4}>
                {lineageLabel(type)}
                {l.partial && <Tag color="orange">{t('org.partial')}</Tag>}
              </Space>
            ),
          },
          { title: t('org.lineageDate'), dataIndex: 'date', render: (d: string) => formatDate(d), width: 110 },
          {
            title: t('org.lineageUnit'),
            key: 'unit',
            render: (_, l) => {
              const date = target(l);
              return (
                <Tooltip title={t('org.jumpTo', { date: formatDate(date) })}>
                  <Typography.Link onClick={() => onJump(l.unit.code, date)} data-testid="lineage-link">
                    {unitText(l.unit)}
                  </Typography.Link>{' '}
                  <Typography.Text type="secondary">{kindLabel(l.unit.kind)}</Typography.Text>
                </Tooltip>
              );
            },
          },
        ]}
      />
    </div>
  );
}
