/**
 * A signature drawn with finger, stylus or mouse (pointer events), reported as a PNG once there is
 * ink, and cleared with a button: the receiver's on a payment and on a card hand-over.
 */
import { useEffect, useRef, useState } from 'react';

type Props = {
  /** Names the drawing area for screen readers. */
  label: string;
  clearLabel: string;
  onChange: (png: Blob | null) => void;
  /** Ids of the texts that describe the pad (its error). */
  describedBy?: string | undefined;
};

export function SignaturePad({ label, clearLabel, onChange, describedBy }: Props) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawing = useRef(false);
  const inked = useRef(false);
  const [hasInk, setHasInk] = useState(false);

  useEffect(() => {
    const c = canvas.current;
    const ctx = c?.getContext('2d');
    if (!c || !ctx) return;
    ctx.lineWidth = 2.5;
    ctx.lineCap = 'round';
    ctx.strokeStyle = '#111';
  }, []);

  function point(e: React.PointerEvent<HTMLCanvasElement>) {
    const rect = e.currentTarget.getBoundingClientRect();
    const c = e.currentTarget;
    return {
      x: ((e.clientX - rect.left) * c.width) / rect.width,
      y: ((e.clientY - rect.top) * c.height) / rect.height,
    };
  }

  function down(e: React.PointerEvent<HTMLCanvasElement>) {
    const ctx = e.currentTarget.getContext('2d');
    if (!ctx) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    drawing.current = true;
    const p = point(e);
    ctx.beginPath();
    ctx.moveTo(p.x, p.y);
  }

  function move(e: React.PointerEvent<HTMLCanvasElement>) {
    const ctx = e.currentTarget.getContext('2d');
    if (!drawing.current || !ctx) return;
    const p = point(e);
    ctx.lineTo(p.x, p.y);
    ctx.stroke();
    inked.current = true;
    setHasInk(true);
  }

  function up() {
    if (!drawing.current) return;
    drawing.current = false;
    if (inked.current) canvas.current?.toBlob((b) => onChange(b), 'image/png');
  }

  function clear() {
    const c = canvas.current;
    c?.getContext('2d')?.clearRect(0, 0, c.width, c.height);
    inked.current = false;
    setHasInk(false);
    onChange(null);
  }

  return (
    <div className="signature">
      <canvas
        ref={canvas}
        width={600}
        height={200}
        aria-label={label}
        aria-describedby={describedBy}
        onPointerDown={down}
        onPointerMove={move}
        onPointerUp={up}
        onPointerCancel={up}
      />
      <button type="button" onClick={clear} disabled={!hasInk}>
        {clearLabel}
      </button>
    </div>
  );
}
