/** Cairn's mark: three stacked stones. */
export function BrandMark() {
  return (
    <svg className="brand-mark" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <ellipse cx="16" cy="26" rx="12" ry="4.5" fill="#5b6b86" />
      <ellipse cx="16" cy="17.5" rx="8.5" ry="4" fill="#7d8fae" />
      <ellipse cx="16" cy="10" rx="5.5" ry="3.3" fill="#2f63c9" />
    </svg>
  )
}
