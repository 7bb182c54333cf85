/**
 * A labelled progress bar. Without `value` it is indeterminate (no aria-valuenow), as assistive
 * technology expects for work whose length is unknown (indexing, the final summary step).
 */
export function ProgressBar({ label, value, text }: { label: string; value?: number | undefined; text?: string | undefined }) {
  const known = value !== undefined;
  return (
    <div
      className={`documents-progress${known ? '' : ' indeterminate'}`}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      {...(known ? { 'aria-valuenow': value } : {})}
      {...(text ? { 'aria-valuetext': text } : {})}
    >
      <span className="documents-progress-fill" style={known ? { width: `${value}%` } : undefined} />
    </div>
  );
}
