// Screen width for layout decisions: a phone is narrower than 768 px (antd's `md` breakpoint).
// Read synchronously from matchMedia, so the first render already has the right layout.
import { useEffect, useState } from 'react';

export const PHONE_QUERY = '(max-width: 767.98px)';

function matches(query: string): boolean {
  return typeof window !== 'undefined' && typeof window.matchMedia === 'function' && window.matchMedia(query).matches;
}

/** True while the media query matches; follows resizes and rotations. */
export function useMedia(query: string): boolean {
  const [on, setOn] = useState(() => matches(query));
  useEffect(() => {
    if (typeof window.matchMedia !== 'function') return;
    const mq = window.matchMedia(query);
    const change = () => setOn(mq.matches);
    change();
    mq.addEventListener('change', change);
    return () => mq.removeEventListener('change', change);
  }, [query]);
  return on;
}

/** True on a phone-sized screen (under 768 px wide). */
export const useIsPhone = (): boolean => useMedia(PHONE_QUERY);
