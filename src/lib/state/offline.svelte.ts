import { OFFLINE_MESSAGES, type KeepEngineReply } from '../offline/messages.ts';

/**
 * The page's side of offline use: registers the service worker (built into sw.js next to index.html),
 * asks it to keep the engine bundle this browser loaded, and offers a waiting new version — applied
 * only when the reader presses the button, never in the middle of their work.
 */
export class Offline {
  /** The service worker keeps the app and its engine: the page opens with no server. */
  available = $state(false);
  /** A new version is installed and waits for the reader to reload. */
  updateWaiting = $state(false);
  /** Why offline use is not possible here (plain http), as one line; null where it is. */
  note = $state<string | null>(null);
  private registration: ServiceWorkerRegistration | null = null;
  private reloading = false;

  private readonly supported: boolean;

  /**
   * `built`: a production build (only it has sw.js; the dev server has none and says nothing);
   * `secure`: a secure context with service workers (see canWorkOffline).
   */
  constructor({ built, secure }: { built: boolean; secure: boolean }) {
    this.supported = built && secure;
    if (built && !secure) this.note = 'Offline use needs https (or localhost): this page works while online only.';
  }

  async register(): Promise<void> {
    if (!this.supported) return;
    const container = navigator.serviceWorker;
    if (!container) return;
    // A reload the reader asked for, once the new version has taken over.
    container.addEventListener('controllerchange', () => {
      if (this.reloading) location.reload();
    });
    let registration: ServiceWorkerRegistration | undefined;
    try {
      // Registered once; after that the browser itself looks for a new sw.js each time the page opens.
      const script = new URL('./sw.js', location.href).href; // eslint-disable-line svelte/prefer-svelte-reactivity -- a value read once, not state
      const existing = await container.getRegistration();
      registration = existing?.active?.scriptURL === script ? existing : await container.register('./sw.js');
    } catch (e) {
      // The app still works online; only the offline copy is missing.
      this.note = `Offline use is not available here: ${e instanceof Error ? e.message : String(e)}`;
      return;
    }
    // Some browsers (and test runs that block service workers) answer with no registration and no
    // error: the app works online as before, with no offline copy to speak of.
    if (!registration) return;
    const live = registration;
    this.registration = live;
    const watch = (worker: ServiceWorker | null) =>
      worker?.addEventListener('statechange', () => {
        if (worker.state === 'installed' && container.controller) this.updateWaiting = true;
      });
    if (live.waiting && container.controller) this.updateWaiting = true;
    watch(live.installing);
    live.addEventListener('updatefound', () => watch(live.installing));
  }

  /** Asks the active service worker to keep the DuckDB bundle the engine loaded (its files' URLs). */
  async keepEngine(files: readonly string[]): Promise<void> {
    if (!this.supported || !files.length) return;
    const registration = await navigator.serviceWorker.ready;
    const channel = new MessageChannel();
    const reply = new Promise<KeepEngineReply>((resolve) => (channel.port1.onmessage = (e) => resolve(e.data as KeepEngineReply)));
    registration.active?.postMessage({ type: OFFLINE_MESSAGES.keepEngine, files: [...files] }, [channel.port2]);
    const answer = await reply;
    this.available = answer.kept;
    if (answer.problem) console.warn(`Offline copy incomplete: ${answer.problem}`);
  }

  /** The reader chose to update: the waiting version takes over, then the page reloads (see register). */
  applyUpdate(): void {
    const waiting = this.registration?.waiting;
    if (!waiting) return;
    this.reloading = true;
    waiting.postMessage({ type: OFFLINE_MESSAGES.applyUpdate });
  }
}
