/**
 * The one wrapper around html5-qrcode: camera start/stop with cleanup, the back camera by
 * default and the last chosen camera remembered, a torch toggle where the track supports it,
 * and decoding a photo as a fallback. In ui because several features scan cards: ui may import
 * html5-qrcode (docs/style.md §2.3 bans only storage, sync, features and server there), but only code
 * reached from lazily loaded screens may import this file, so the library stays a lazy chunk.
 */
import { Html5Qrcode, Html5QrcodeSupportedFormats } from 'html5-qrcode';
import { useCallback, useEffect, useRef, useState } from 'react';

const CAMERA_KEY = 'chitra.cameraId';
export type ScannerState = 'idle' | 'starting' | 'scanning' | 'error';

export function useQrScanner(elementId: string, onDecoded: (text: string) => void) {
  const scanner = useRef<Html5Qrcode | null>(null);
  const [state, setState] = useState<ScannerState>('idle');
  const [torchAvailable, setTorchAvailable] = useState(false);
  const [torchOn, setTorchOn] = useState(false);
  const decoded = useRef(onDecoded);
  decoded.current = onDecoded;
  // The library keeps decoding frames until stop() resolves: only the first one of a start counts,
  // or a result the user already acted on (e.g. recorded) would be replaced by the same card again.
  const delivered = useRef(false);

  const get = useCallback(() => {
    scanner.current ??= new Html5Qrcode(elementId, {
      formatsToSupport: [Html5QrcodeSupportedFormats.QR_CODE],
      verbose: false,
    });
    return scanner.current;
  }, [elementId]);

  const stop = useCallback(async () => {
    const s = scanner.current;
    if (s?.isScanning) await s.stop().catch(() => undefined);
    setTorchOn(false);
    setState('idle');
  }, []);

  const start = useCallback(async () => {
    setState('starting');
    delivered.current = false;
    const s = get();
    const remembered = localStorage.getItem(CAMERA_KEY);
    try {
      await s.start(
        remembered ? { deviceId: { exact: remembered } } : { facingMode: 'environment' },
        { fps: 10, qrbox: (w, h) => ({ width: Math.min(w, h) * 0.8, height: Math.min(w, h) * 0.8 }) },
        (text) => {
          if (delivered.current) return;
          delivered.current = true;
          void stop();
          decoded.current(text);
        },
        () => undefined,
      );
      // A card read while the camera was still starting: stop it now that it can be stopped.
      if (delivered.current) {
        await stop();
        return;
      }
      const settings = s.getRunningTrackSettings();
      if (settings.deviceId) localStorage.setItem(CAMERA_KEY, settings.deviceId);
      setTorchAvailable('torch' in (s.getRunningTrackCapabilities() as Record<string, unknown>));
      setState('scanning');
    } catch {
      // A remembered camera may be gone (another tablet, unplugged): forget it for next time.
      if (remembered) localStorage.removeItem(CAMERA_KEY);
      setState('error');
    }
  }, [get, stop]);

  const toggleTorch = useCallback(async () => {
    const s = scanner.current;
    if (!s?.isScanning) return;
    const next = !torchOn;
    await s.applyVideoConstraints({ advanced: [{ torch: next } as MediaTrackConstraintSet] }).catch(() => undefined);
    setTorchOn(next);
  }, [torchOn]);

  const scanImage = useCallback(
    async (file: File): Promise<string | null> => {
      await stop();
      return get()
        .scanFile(file, false)
        .catch(() => null);
    },
    [get, stop],
  );

  useEffect(
    () => () => {
      const s = scanner.current;
      if (s?.isScanning) void s.stop().catch(() => undefined);
    },
    [],
  );

  return { state, start, stop, torchAvailable, torchOn, toggleTorch, scanImage };
}
