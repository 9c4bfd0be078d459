// Makes a .y4m video of a QR code for Chromium's fake camera (only .y4m works there).
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import QRCode from 'qrcode';

const W = 640;
const H = 480;
/** The scanner decodes only a square of 80 % of the picture's height (use-qr-scanner.ts). */
const SCAN_BOX = 0.8 * H;
/**
 * What the camera sees from one moment to the next: a hand never holds a card square to it.
 * The scanner's decoder (the zxing-js in html5-qrcode) misses some perfectly axis-aligned
 * synthetic codes, content-dependent, and misses more with big crisp modules (7–9 px) than with
 * 4–5 px ones, while the same code tilted by a few degrees decodes. A 57–65-module receipt drawn
 * as big as the frame allowed also spilled out of the decoded square. So the frames, which
 * Chromium loops, show the code at 4–5 px modules (less if it would not fit) and slight angles,
 * and only views the decoder reads are kept: a frame it misses could be the only one the scanner
 * looks at on a loaded machine (a CI run under load still missed a receipt with unchecked views).
 */
const VIEWS = [
  { modulePx: 5, tilt: 0.035 },
  { modulePx: 4, tilt: -0.045 },
  { modulePx: 5, tilt: 0.06 },
  { modulePx: 4, tilt: 0.1 },
  { modulePx: 5, tilt: -0.025 },
  { modulePx: 4, tilt: -0.09 },
  { modulePx: 5, tilt: 0.08 },
  { modulePx: 4, tilt: 0.02 },
  { modulePx: 5, tilt: -0.07 },
  { modulePx: 4, tilt: 0.13 },
] as const;
/** Frames in the video: views the scanner's decoder reads, so no frame the scanner picks fails. */
const FRAMES = 6;
/** The code's body fills at most this share of the decoded square, leaving it a quiet zone. */
const MAX_BODY_SHARE = 0.85;
const DARK = 16;
const LIGHT = 235;

/** One frame's luminance: the code's modules sampled through a rotation about the frame's centre. */
function frame(
  modules: { size: number; get(row: number, col: number): number | boolean },
  { modulePx, tilt }: (typeof VIEWS)[number],
): Buffer {
  const n = modules.size;
  const scale = Math.min(modulePx, Math.floor((MAX_BODY_SHARE * SCAN_BOX) / n));
  const half = (n * scale) / 2;
  const cos = Math.cos(tilt);
  const sin = Math.sin(tilt);
  const y = Buffer.alloc(W * H, LIGHT);
  for (let py = 0; py < H; py++) {
    for (let px = 0; px < W; px++) {
      const dx = px - W / 2;
      const dy = py - H / 2;
      const col = Math.floor((cos * dx + sin * dy + half) / scale);
      const row = Math.floor((-sin * dx + cos * dy + half) / scale);
      if (row >= 0 && col >= 0 && row < n && col < n && modules.get(row, col)) y[py * W + px] = DARK;
    }
  }
  return y;
}

// The decoder html5-qrcode bundles (zxing-js), the one the app runs on each camera frame.
const zxing = createRequire(import.meta.url)('html5-qrcode/third_party/zxing-js.umd.js') as ZXingModule;
type ZXingModule = {
  MultiFormatReader: new () => { setHints(h: Map<unknown, unknown>): void; decode(b: unknown): { getText(): string } };
  RGBLuminanceSource: new (l: Uint8ClampedArray, w: number, h: number) => unknown;
  BinaryBitmap: new (b: unknown) => unknown;
  HybridBinarizer: new (s: unknown) => unknown;
  DecodeHintType: { POSSIBLE_FORMATS: unknown };
  BarcodeFormat: { QR_CODE: unknown };
};

/** Whether the scanner's decoder reads `text` in the square it scans of this picture. */
function decodes(y: Buffer, text: string): boolean {
  const box = Math.floor(SCAN_BOX);
  const x0 = Math.floor((W - box) / 2);
  const y0 = Math.floor((H - box) / 2);
  const crop = new Uint8ClampedArray(box * box);
  for (let r = 0; r < box; r++) crop.set(y.subarray((y0 + r) * W + x0, (y0 + r) * W + x0 + box), r * box);
  const reader = new zxing.MultiFormatReader();
  reader.setHints(new Map([[zxing.DecodeHintType.POSSIBLE_FORMATS, [zxing.BarcodeFormat.QR_CODE]]]));
  try {
    const bitmap = new zxing.BinaryBitmap(new zxing.HybridBinarizer(new zxing.RGBLuminanceSource(crop, box, box)));
    return reader.decode(bitmap).getText() === text;
  } catch {
    return false;
  }
}

/**
 * Writes a 640×480 grey video (4:2:0) of `text` as a QR code (level M, as the app prints them) in
 * the middle: the first views the scanner's own decoder reads (checked here, in Node), so the
 * test exercises the app's camera path, not zxing's luck with one synthetic picture.
 */
export function writeQrVideo(path: string, text: string): void {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const read = VIEWS.map((view) => frame(qr.modules, view))
    .filter((y) => decodes(y, text))
    .slice(0, FRAMES);
  if (read.length === 0) throw new Error(`no view of this QR decodes: ${text}`);
  const chroma = Buffer.alloc((W / 2) * (H / 2), 128);
  const frames = read.map((y) => Buffer.concat([Buffer.from('FRAME\n'), y, chroma, chroma]));
  const header = Buffer.from(`YUV4MPEG2 W${String(W)} H${String(H)} F10:1 Ip A1:1 C420jpeg\n`);
  writeFileSync(path, Buffer.concat([header, ...frames]));
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
