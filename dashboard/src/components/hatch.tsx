/** The fill of a suppressed bar: a pattern defined once for the page. */
export const HATCH_ID = 'mitra-suppressed-hatch';
export const HATCH_FILL = `url(#${HATCH_ID})`;

export function HatchDefs() {
  return (
    <svg width="0" height="0" style={{ position: 'absolute' }} aria-hidden="true" focusable="false">
      <defs>
        <pattern id={HATCH_ID} width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect width="8" height="8" fill="#f1f5f9" />
          <line x1="0" y1="0" x2="0" y2="8" stroke="#b6c2d1" strokeWidth="3" />
        </pattern>
      </defs>
    </svg>
  );
}
