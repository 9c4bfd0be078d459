// Makes a .y4m video of a QR code for Chromium's fake camera (only .y4m works there).
import { writeFileSync } from 'node:fs';
import QRCode from 'qrcode';

const W = 640;
const H = 480;

/**
 * Writes `frames` identical 640×480 grey frames (4:2:0) with `text` as a QR code in the middle.
 * `level` 'L' makes a long text's code coarser (bigger modules in the same frame).
 */
export function writeQrVideo(path: string, text: string, frames = 5, level: 'L' | 'M' = 'M'): void {
  const qr = QRCode.create(text, { errorCorrectionLevel: level });
  const n = qr.modules.size;
  const quiet = 4;
  const scale = Math.floor(Math.min(W, H) / (n + 2 * quiet));
  const size = (n + 2 * quiet) * scale;
  const x0 = Math.floor((W - size) / 2);
  const y0 = Math.floor((H - size) / 2);
  const y = Buffer.alloc(W * H, 235);
  for (let row = 0; row < n; row++) {
    for (let col = 0; col < n; col++) {
      if (!qr.modules.get(row, col)) continue;
      for (let dy = 0; dy < scale; dy++) {
        const start = (y0 + (row + quiet) * scale + dy) * W + x0 + (col + quiet) * scale;
        y.fill(16, start, start + scale);
      }
    }
  }
  const chroma = Buffer.alloc((W / 2) * (H / 2), 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), y, chroma, chroma]);
  const header = Buffer.from(`YUV4MPEG2 W${W} H${H} F10:1 Ip A1:1 C420jpeg\n`);
  writeFileSync(path, Buffer.concat([header, ...Array.from({ length: frames }, () => frame)]));
}

/** The QR text of a synthetic CCCD (docs/domain.md §1.1 layout: 7 fields, dates ddMMyyyy). */
export function cccdPayload(p: {
  idNumber: string;
  oldIdNumber: string | null;
  fullName: string;
  birthDate: string;
  gender: 'male' | 'female';
}): string {
  const [yy, mm, dd] = p.birthDate.split('-');
  return [
    p.idNumber,
    p.oldIdNumber ?? '',
    p.fullName,
    `${dd}${mm}${yy}`,
    p.gender === 'male' ? 'Nam' : 'Nữ',
    'Tổ 1, Phú Bài, Hương Thủy, Thừa Thiên Huế',
    '01062021',
  ].join('|');
}
