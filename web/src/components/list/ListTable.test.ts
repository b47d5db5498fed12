import { describe, expect, it } from 'vitest';
import { isActions, leaves, valueAt } from './ListTable';

describe('ListTable on a phone: the columns a card shows', () => {
  it('flattens column groups and leaves hidden columns out', () => {
    const cols = leaves<object>([
      { title: 'A', dataIndex: 'a' },
      { title: 'G', children: [{ title: 'B', dataIndex: 'b' }, { title: 'C', dataIndex: 'c', hidden: true }] },
      { title: 'D', key: 'd' },
    ]);
    expect(cols.map((c) => c.title)).toEqual(['A', 'B', 'D']);
  });

  it('reads a nested dataIndex and tolerates missing parts', () => {
    expect(valueAt({ unit: { name: 'Quy Nhơn' } }, ['unit', 'name'])).toBe('Quy Nhơn');
    expect(valueAt({ n: 0 }, 'n')).toBe(0);
    expect(valueAt({ unit: null }, ['unit', 'name'])).toBeUndefined();
    expect(valueAt({ a: 1 }, undefined)).toBeUndefined();
  });

  it('puts the row buttons at the foot: "act"/"actions" columns, or a fixed-right column without data', () => {
    expect(isActions({ key: 'act' })).toBe(true);
    expect(isActions({ key: 'actions' })).toBe(true);
    expect(isActions({ fixed: 'right', key: 'x' })).toBe(true);
    expect(isActions({ fixed: 'right', dataIndex: 'total' })).toBe(false);
    expect(isActions({ dataIndex: 'name' })).toBe(false);
  });
});
