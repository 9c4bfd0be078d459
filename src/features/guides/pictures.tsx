/**
 * The guides' pictures (issue 17, "Guides"): simple line drawings of what each step shows — a
 * search box, a card's QR code, a signature on the tablet — drawn in SVG so they ship with the
 * app and show offline. Decorative: the step's text says everything (hidden from screen readers).
 */
import type { ReactNode } from 'react';

export const pictureIds = [
  'search',
  'card-qr',
  'person',
  'form',
  'choice',
  'bank',
  'check',
  'receiver',
  'signature',
  'receipt',
  'clock',
  'cash',
  'print',
  'sync',
  'lock',
  'queue',
  'calendar',
  'list',
  'practice',
] as const;
export type PictureId = (typeof pictureIds)[number];

const drawings: Record<PictureId, ReactNode> = {
  search: (
    <>
      <rect x="6" y="14" width="52" height="14" rx="3" />
      <circle cx="44" cy="44" r="9" />
      <path d="M51 51l7 7M12 21h24" />
    </>
  ),
  'card-qr': (
    <>
      <rect x="4" y="12" width="56" height="40" rx="4" />
      <rect x="38" y="20" width="16" height="16" />
      <path d="M41 23h4v4h-4zM47 29h4v4h-4zM10 22h20M10 30h16M10 38h22" />
    </>
  ),
  person: (
    <>
      <circle cx="32" cy="20" r="10" />
      <path d="M12 56c2-12 10-18 20-18s18 6 20 18" />
    </>
  ),
  form: (
    <>
      <rect x="12" y="6" width="40" height="52" rx="3" />
      <path d="M20 18h24M20 28h24M20 38h16M20 48h10" />
    </>
  ),
  choice: (
    <>
      <circle cx="16" cy="18" r="6" />
      <circle cx="16" cy="18" r="2" />
      <circle cx="16" cy="40" r="6" />
      <path d="M28 18h28M28 40h22" />
    </>
  ),
  bank: (
    <>
      <path d="M6 24l26-14 26 14zM10 52h44M14 28v20M26 28v20M38 28v20M50 28v20" />
    </>
  ),
  check: (
    <>
      <rect x="6" y="10" width="52" height="44" rx="4" />
      <path d="M18 32l9 9 19-19" />
    </>
  ),
  receiver: (
    <>
      <circle cx="20" cy="20" r="8" />
      <circle cx="44" cy="22" r="7" />
      <path d="M6 54c1-10 7-16 14-16s13 6 14 16M32 54c1-9 6-14 12-14s11 5 12 14" />
    </>
  ),
  signature: (
    <>
      <rect x="4" y="12" width="56" height="40" rx="4" />
      <path d="M12 40c6-14 10-14 12-4s6 8 10-2 8-6 10 2M12 46h40" />
    </>
  ),
  receipt: (
    <>
      <path d="M14 6h36v52l-6-4-6 4-6-4-6 4-6-4-6 4z" />
      <path d="M20 18h24M20 26h24M20 34h14" />
    </>
  ),
  clock: (
    <>
      <circle cx="32" cy="32" r="24" />
      <path d="M32 18v14l10 6" />
    </>
  ),
  cash: (
    <>
      <rect x="4" y="18" width="56" height="28" rx="3" />
      <circle cx="32" cy="32" r="7" />
      <path d="M12 24v16M52 24v16" />
    </>
  ),
  print: (
    <>
      <rect x="8" y="24" width="48" height="20" rx="3" />
      <path d="M18 24V8h28v16M18 38h28v18H18z" />
    </>
  ),
  sync: (
    <>
      <path d="M50 24A20 20 0 0 0 14 20M14 40a20 20 0 0 0 36 4" />
      <path d="M50 12v12H38M14 52V40h12" />
    </>
  ),
  lock: (
    <>
      <rect x="12" y="28" width="40" height="28" rx="4" />
      <path d="M20 28v-8a12 12 0 0 1 24 0v8M32 38v8" />
    </>
  ),
  queue: (
    <>
      <circle cx="12" cy="24" r="6" />
      <circle cx="32" cy="24" r="6" />
      <circle cx="52" cy="24" r="6" />
      <path d="M4 50c1-8 4-12 8-12s7 4 8 12M24 50c1-8 4-12 8-12s7 4 8 12M44 50c1-8 4-12 8-12s7 4 8 12" />
    </>
  ),
  calendar: (
    <>
      <rect x="8" y="12" width="48" height="44" rx="3" />
      <path d="M8 24h48M20 6v10M44 6v10M18 34h6M30 34h6M42 34h6M18 44h6M30 44h6" />
    </>
  ),
  list: (
    <>
      <path d="M20 14h36M20 32h36M20 50h36" />
      <circle cx="10" cy="14" r="3" />
      <circle cx="10" cy="32" r="3" />
      <circle cx="10" cy="50" r="3" />
    </>
  ),
  practice: (
    <>
      <rect x="6" y="10" width="52" height="44" rx="4" />
      <path d="M6 22h52M14 32l8 8-8 8M28 48h14" />
    </>
  ),
};

export function Picture({ id }: { id: PictureId }) {
  return (
    <svg
      className="guide-picture"
      viewBox="0 0 64 64"
      width="64"
      height="64"
      aria-hidden="true"
      focusable="false"
      fill="none"
      stroke="currentColor"
      strokeWidth="3"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      {drawings[id]}
    </svg>
  );
}
