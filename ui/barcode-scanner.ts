/**
 * A barcode scanner is a keyboard that types a code's digits within a few milliseconds of each other, then Enter.
 * `ScanBurst` tells such a burst from a person typing; `BarcodeScanner` listens on the page for bursts typed
 * outside any field (a field, like the product finder's, sees the code itself) and hands each code over.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** The longest pause between two keys of one scan (ms); people type slower than this. */
export const SCAN_GAP_MS = 80;
/** The fewest digits a scanned code has (EAN-8). */
export const SCAN_MIN_DIGITS = 8;

export class ScanBurst {
  private digits = '';
  private last = -Infinity;

  /** Takes one key at `at` ms: the scanned code when it completes a burst (Enter), else null. */
  key(key: string, at: number): string | null {
    const inBurst = at - this.last <= SCAN_GAP_MS;
    this.last = at;
    if (/^\d$/.test(key)) {
      this.digits = inBurst ? this.digits + key : key;
      return null;
    }
    const code = key === 'Enter' && inBurst && this.digits.length >= SCAN_MIN_DIGITS ? this.digits : null;
    this.digits = '';
    return code;
  }
}

const TYPING_TARGET = new Set(['INPUT', 'TEXTAREA', 'SELECT']);

export class BarcodeScanner implements ReactiveController {
  private readonly burst = new ScanBurst();

  /** `scanned` gets each code; `listening()` says whether the screen takes scans now (no dialog open...). */
  constructor(host: ReactiveControllerHost, private readonly scanned: (code: string) => void, private readonly listening: () => boolean) {
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('keydown', this.onKey);
  }

  hostDisconnected(): void {
    window.removeEventListener('keydown', this.onKey);
  }

  private readonly onKey = (event: KeyboardEvent) => {
    const target = event.composedPath()[0];
    if (target instanceof HTMLElement && (TYPING_TARGET.has(target.tagName) || target.isContentEditable)) return;
    const code = this.burst.key(event.key, event.timeStamp);
    if (code === null || !this.listening()) return;
    // The Enter ends the scan: it must not also press the focused button.
    event.preventDefault();
    this.scanned(code);
  };
}
