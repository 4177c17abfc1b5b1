// The countdown of a TOTP code: a ring that empties as the period runs out, with the seconds left.
interface RingProps {
  remainingMs: number
  periodMs: number
  size?: number
  /** The seconds inside the ring (too small to read below ~28 px). */
  showSeconds?: boolean
}

export function LiveCodeRing({ remainingMs, periodMs, size = 30, showSeconds = true }: RingProps) {
  const r = size / 2 - 3
  const circumference = 2 * Math.PI * r
  const fraction = Math.max(0, Math.min(1, remainingMs / periodMs))
  const seconds = Math.max(0, Math.ceil(remainingMs / 1000))
  return (
    <svg
      className={`ring${seconds <= 5 ? ' ending' : ''}`}
      width={size}
      height={size}
      viewBox={`0 0 ${size} ${size}`}
      role="img"
      aria-label={`${seconds} seconds left`}
    >
      <circle
        className="ring-track"
        cx={size / 2}
        cy={size / 2}
        r={r}
        fill="none"
        strokeWidth="3"
      />
      <circle
        className="ring-value"
        cx={size / 2}
        cy={size / 2}
        r={r}
        fill="none"
        strokeWidth="3"
        strokeDasharray={circumference}
        strokeDashoffset={circumference * (1 - fraction)}
        transform={`rotate(-90 ${size / 2} ${size / 2})`}
        strokeLinecap="round"
      />
      {showSeconds && (
        <text x="50%" y="50%" dominantBaseline="central" textAnchor="middle">
          {seconds}
        </text>
      )}
    </svg>
  )
}
