import { browser, type PublicPath } from 'wxt/browser';

export interface FrameRequest {
  /** Passed in the frame's URL hash; the page inside validates it. */
  params: Record<string, string>;
  /** Where focus returns when the frame closes. */
  returnFocus: () => void;
}

/**
 * An extension page shown in an iframe over the site. The site's scripts see an
 * opaque cross-origin frame, never the notes or templates inside it.
 */
export class ExtensionFrame {
  private frame: HTMLIFrameElement | null = null;
  private returnFocus: (() => void) | null = null;

  constructor(
    private readonly page: PublicPath,
    private readonly title: string,
    private readonly style: Partial<CSSStyleDeclaration>,
    private readonly marker: string,
  ) {}

  get isOpen(): boolean {
    return this.frame?.isConnected ?? false;
  }

  /** The frame's window, to post page data (a draft) to it. */
  get window(): Window | null {
    return this.frame?.contentWindow ?? null;
  }

  open(request: FrameRequest, { focus = true } = {}): void {
    this.close({ restoreFocus: false });
    const frame = document.createElement('iframe');
    frame.src = `${browser.runtime.getURL(this.page)}#${new URLSearchParams(request.params)}`;
    frame.title = this.title;
    frame.setAttribute(this.marker, '');
    Object.assign(frame.style, {
      position: 'fixed',
      border: '0',
      boxShadow: '0 0 24px rgba(0,0,0,.18)',
      background: 'Canvas',
      zIndex: '2147483647',
      colorScheme: 'light dark',
      ...this.style,
    } satisfies Partial<CSSStyleDeclaration>);
    if (focus) frame.addEventListener('load', () => frame.focus(), { once: true });
    document.documentElement.append(frame);
    this.frame = frame;
    this.returnFocus = request.returnFocus;
  }

  /** Moves keyboard focus into the frame. */
  focus(): void {
    this.frame?.focus();
  }

  close({ restoreFocus = true } = {}): void {
    this.frame?.remove();
    this.frame = null;
    const back = this.returnFocus;
    this.returnFocus = null;
    if (restoreFocus) back?.();
  }
}
