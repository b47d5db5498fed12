// The task form's body: due days typed day/month become the API's "MM-DD" (monthly: "DD"); a
// one-off deadline sends no recurrence fields, a recurring one no due date.
import { describe, expect, it } from 'vitest';
import dayjs from 'dayjs';
import { taskBody } from './DirectiveForms';

describe('taskBody', () => {
  it('turns typed due days into MM-DD, in the order typed', () => {
    const b = taskBody({ code: ' 2 ', title: ' Báo cáo ', mode: 'recurring', recurrence: 'semiannual', dueDays: '15/6, 15/12', startsOn: dayjs('2026-01-01'), leadAgencyId: 7 });
    expect(b.dueDays).toEqual(['06-15', '12-15']);
    expect(b.recurrence).toBe('semiannual');
    expect(b.dueDate).toBeNull();
    expect(b.startsOn).toBe('2026-01-01');
    expect(b.code).toBe('2');
    expect(b.title).toBe('Báo cáo');
  });
  it('monthly takes the day only', () => {
    expect(taskBody({ code: '1', title: 'x', mode: 'recurring', recurrence: 'monthly', dueDays: '5', leadAgencyId: 1 }).dueDays).toEqual(['05']);
  });
  it('a one-off deadline sends recurrence none and no due days', () => {
    const b = taskBody({ code: '1', title: 'x', mode: 'once', dueDate: dayjs('2026-12-31'), dueDays: '15/06', recurrence: 'annual', leadAgencyId: 1 });
    expect(b).toMatchObject({ dueDate: '2026-12-31', recurrence: 'none', dueDays: [], startsOn: null, endsOn: null });
  });
});
