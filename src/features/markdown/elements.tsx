// Elements shared by both renderers (react-markdown for final blocks, marked tokens for the tail).
import type { ReactNode } from 'react';

const LINK_REL = 'noopener noreferrer nofollow';

export function SafeLink({ href, children }: { href?: string | undefined; children?: ReactNode }) {
  if (href === undefined || href === '') return <span className="md-inert-link">{children}</span>;
  return (
    <a href={href} target="_blank" rel={LINK_REL}>
      {children}
    </a>
  );
}

// Remote images are never fetched: an image URL written by a model can carry conversation data
// to a third party. The image becomes a link the user can choose to open.
export function SafeImage({ src, alt }: { src?: string | Blob | undefined; alt?: string | undefined }) {
  const label = alt || (typeof src === 'string' ? src : '');
  if (typeof src !== 'string' || src === '') return <span className="md-inert-link">{label}</span>;
  return (
    <a className="md-image-link" href={src} target="_blank" rel={LINK_REL}>
      {label}
    </a>
  );
}

export function ScrollTable({ children }: { children?: ReactNode }) {
  return (
    <div className="md-table-scroll">
      <table>{children}</table>
    </div>
  );
}
