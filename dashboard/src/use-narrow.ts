import { useEffect, useState } from 'react';

/** A phone held upright: the stylesheet's narrow layout starts at the same width. */
export const NARROW_QUERY = '(max-width: 640px)';

/** Whether the window is narrow now; follows a rotation or a resize. */
export function useNarrow(): boolean {
  const [narrow, setNarrow] = useState(() => window.matchMedia(NARROW_QUERY).matches);
  useEffect(() => {
    const media = window.matchMedia(NARROW_QUERY);
    const onChange = () => setNarrow(media.matches);
    media.addEventListener('change', onChange);
    onChange();
    return () => media.removeEventListener('change', onChange);
  }, []);
  return narrow;
}
