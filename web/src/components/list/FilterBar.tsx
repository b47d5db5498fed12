// The filter bar every list page shows above its table: a row of labelled filters, the search
// box (applied on Enter or the search button, cleared by its ×), and "Xoá bộ lọc" when a filter
// is set. The values live in the address (useListState), so this only draws them.
// On a phone the bar folds behind a "Bộ lọc" button (with a dot while a filter is set), and its
// fields stack one per line.
import { useState, type ReactNode } from 'react';
import { Badge, Button, Form, Input } from 'antd';
import { FilterOutlined } from '@ant-design/icons';
import { useI18n } from '../../i18n';
import { useIsPhone } from '../responsive';

export function FilterBar({
  children,
  onClear,
  showClear = true,
  onSubmit,
  'data-testid': testId,
}: {
  children: ReactNode;
  /** "Clear filters"; the button shows while `showClear`. */
  onClear?: () => void;
  showClear?: boolean;
  /** Enter in a field (or a submit button among the children) applies typed values. */
  onSubmit?: () => void;
  'data-testid'?: string;
}) {
  const { t } = useI18n();
  const phone = useIsPhone();
  const [open, setOpen] = useState(false);
  const form = (
    <Form
      layout="inline"
      className="lg-filters"
      style={{ rowGap: 8, display: phone && !open ? 'none' : undefined }}
      onFinish={onSubmit}
      data-testid={testId}
    >
      {children}
      {onClear && showClear && (
        <Form.Item>
          <Button onClick={onClear} data-testid="filters-clear">
            {t('common.clearFilters')}
          </Button>
        </Form.Item>
      )}
    </Form>
  );
  if (!phone) return form;
  return (
    <>
      <Badge dot={!!onClear && showClear} offset={[-4, 4]}>
        <Button
          icon={<FilterOutlined />}
          onClick={() => setOpen(!open)}
          aria-expanded={open}
          data-testid="filters-toggle"
          style={{ marginTop: 8, marginBottom: open ? 8 : 16 }}
        >
          {t('common.filters')}
        </Button>
      </Badge>
      {form}
    </>
  );
}

/**
 * A search box whose text is applied on Enter or the search button (not on every key, the server
 * folds diacritics); emptying it clears the search at once. Follows the address on back/forward.
 */
export function SearchFilter({
  value,
  onSearch,
  placeholder,
  width = 280,
  'data-testid': testId,
}: {
  value: string | undefined;
  onSearch: (q: string | undefined) => void;
  placeholder?: string;
  width?: number;
  'data-testid'?: string;
}) {
  const [text, setText] = useFollowing(value);
  return (
    <Form.Item>
      <Input.Search
        allowClear
        placeholder={placeholder}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          if (!e.target.value && value) onSearch(undefined);
        }}
        onSearch={(v) => onSearch(v.trim() || undefined)}
        style={{ width }}
        data-testid={testId}
      />
    </Form.Item>
  );
}

/**
 * A text filter applied with the bar's submit (the audit log's "Tìm kiếm"): typed text stays a
 * draft until then, and follows the address on back/forward.
 */
export function useDraft(value: string | undefined): [string, (v: string) => void] {
  return useFollowing(value);
}

/**
 * Typed text that starts from `value` and is replaced when `value` changes (back/forward, clear).
 * Done while rendering, not in an effect: an effect would run after the first paint and could
 * wipe what was typed in between.
 */
function useFollowing(value: string | undefined): [string, (v: string) => void] {
  const [text, setText] = useState(value ?? '');
  const [seen, setSeen] = useState(value);
  if (seen !== value) {
    setSeen(value);
    setText(value ?? '');
  }
  return [text, setText];
}
