// A whole-number input for counts and VND amounts, grouped the Vietnamese way (1.234.567).
// It does not clamp negatives or fractions itself: the form's rules name them ("không được âm").
import { InputNumber, type InputNumberProps } from 'antd';
import { formatNumber } from '../format';

/** The typed text as a plain number string: "1.234.567" → "1234567", "2,5" → "2.5". */
export function parseGrouped(text: string | undefined): string {
  return (text ?? '').replace(/\s/g, '').replace(/\./g, '').replace(',', '.');
}

export function CountInput(props: InputNumberProps<number>) {
  return (
    <InputNumber<number>
      keyboard
      style={{ width: 130 }}
      {...props}
      formatter={(v, info) => {
        if (info.userTyping) return info.input;
        return v === undefined || v === null || (v as unknown) === '' ? '' : formatNumber(Number(v));
      }}
      parser={(s) => parseGrouped(s) as unknown as number}
    />
  );
}
