/**
 * Keeps a screen exactly as tall as the window below where it starts (less its container's bottom padding), so
 * the page never scrolls: the screen's own areas (cart, lists) scroll inside it instead. Sets `--fit-height` on
 * the host, again when the window or the content above the screen changes size.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export class ViewportFit implements ReactiveController {
  private readonly observer = new ResizeObserver(() => this.fit());

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('resize', this.fit);
    this.observer.observe(document.documentElement);
    this.fit();
  }

  hostDisconnected(): void {
    window.removeEventListener('resize', this.fit);
    this.observer.disconnect();
  }

  hostUpdated(): void {
    this.fit();
  }

  private readonly fit = () => {
    const host = this.host;
    const top = host.getBoundingClientRect().top + window.scrollY;
    const parent = host.parentElement;
    const below = parent === null ? 0 : parseFloat(getComputedStyle(parent).paddingBottom) || 0;
    const height = `${Math.max(0, Math.floor(window.innerHeight - top - below))}px`;
    if (host.style.getPropertyValue('--fit-height') !== height) host.style.setProperty('--fit-height', height);
  };
}
