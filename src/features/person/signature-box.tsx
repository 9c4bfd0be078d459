/**
 * The receiver's signature on the card hand-over: drawn with a finger, stylus or mouse (pointer
 * events), reported as a PNG once there is ink, and cleared with a button. (The pay page has its
 * own pad in features/payments, which this feature may not import: docs/style.md §2.3.)
 */
import { useRef, useState } from 'react';

type Props = {
  /** Names the drawing area for screen readers. */
  label: string;
  clearLabel: string;
  onChange: (png: Blob | null) => void;
  /** Ids of the texts that describe the box (its error). */
  describedBy?: string | undefined;
};

export function SignatureBox({ label, clearLabel, onChange, describedBy }: Props) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawing = useRef(false);
  // Read when a stroke ends, within the same events: a ref, not the state of the last render.
  const hasInk = useRef(false);
  const [inked, setInked] = useState(false);

  function at(e: React.PointerEvent<HTMLCanvasElement>) {
    const c = e.currentTarget;
    const box = c.getBoundingClientRect();
    // Canvas pixels, whatever size the box is shown at.
    const scaleX = box.width > 0 ? c.width / box.width : 1;
    const scaleY = box.height > 0 ? c.height / box.height : 1;
    return { x: (e.clientX - box.left) * scaleX, y: (e.clientY - box.top) * scaleY };
  }

  function start(e: React.PointerEvent<HTMLCanvasElement>) {
    const ctx = e.currentTarget.getContext('2d');
    if (!ctx) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    ctx.lineWidth = 2.5;
    ctx.lineCap = 'round';
    ctx.strokeStyle = '#111';
    const p = at(e);
    ctx.beginPath();
    ctx.moveTo(p.x, p.y);
    drawing.current = true;
  }

  function draw(e: React.PointerEvent<HTMLCanvasElement>) {
    const ctx = e.currentTarget.getContext('2d');
    if (!drawing.current || !ctx) return;
    const p = at(e);
    ctx.lineTo(p.x, p.y);
    ctx.stroke();
    hasInk.current = true;
    setInked(true);
  }

  function end(e: React.PointerEvent<HTMLCanvasElement>) {
    if (!drawing.current) return;
    drawing.current = false;
    // Each stroke reports the whole drawing so far; a tap that drew nothing reports nothing.
    if (hasInk.current) e.currentTarget.toBlob((png) => onChange(png), 'image/png');
  }

  function clear() {
    const c = canvas.current;
    c?.getContext('2d')?.clearRect(0, 0, c.width, c.height);
    hasInk.current = false;
    setInked(false);
    onChange(null);
  }

  return (
    <div className="signature">
      <canvas
        ref={canvas}
        width={600}
        height={200}
        role="img"
        aria-label={label}
        aria-describedby={describedBy}
        onPointerDown={start}
        onPointerMove={draw}
        onPointerUp={end}
        onPointerCancel={end}
      />
      <button type="button" onClick={clear} disabled={!inked}>
        {clearLabel}
      </button>
    </div>
  );
}
