import { mount } from 'svelte';
import App from './App.svelte';
import './app.css';
import Unsupported from './components/shell/Unsupported.svelte';
import { canWorkOffline, missingCapabilities } from './lib/capabilities.ts';
import { createDbClient } from './lib/db/client.ts';
import { hasSharedSpec } from './lib/spec/share-link.ts';
import { AddressFollower } from './lib/state/address-follow.svelte.ts';
import { Navigation } from './lib/state/navigation.svelte.ts';
import { Offline } from './lib/state/offline.svelte.ts';
import { Workbench } from './lib/state/workbench.svelte.ts';

const target = document.getElementById('app')!;
// A browser without what the app needs is told what is missing, instead of failing later and obscurely.
const missing = missingCapabilities(globalThis);
if (missing.length) mount(Unsupported, { target, props: { missing } });
else startApp();

function startApp() {
  const workbench = new Workbench(createDbClient());
  const nav = new Navigation();
  const address = new AddressFollower(workbench, nav);
  const offline = new Offline({ built: import.meta.env.PROD, secure: canWorkOffline(globalThis) });
  const openLink = (url: string) => {
    address.opened(url);
    void workbench.link.open(url);
  };
  // Once a link's definitions are applied, the address keeps the link until the user changes something, then follows the edits.
  workbench.link.onApplied = () => address.applied();
  nav.onNewLink = openLink;
  // The engine downloads and starts in the background while the page is already usable; once it runs,
  // the bundle it loaded is kept for offline use.
  void workbench.start().then((status) => (status.state === 'ready' ? offline.keepEngine(status.files) : undefined));
  void offline.register();
  // A share link's definitions ride in the fragment, which no server ever sees. The tab's own
  // address (written as the user edited) is not a link: the saved work brings it back.
  if (hasSharedSpec(location.hash) && !address.isOwn(location.href)) openLink(location.href);
  const params = new URLSearchParams(location.search);
  // The samples this deployment offers: the bundled ones, and any an instructor listed in samples/manifest.json.
  void workbench.served.catalog.load();
  const sample = params.get('sample');
  if (sample) void workbench.served.openSample(sample);
  // Set by `npm start -- file.csv`: the file is served by the local server that serves this page.
  const localFile = params.get('file');
  if (localFile && !sample) void workbench.served.openServedFile(new URL('local-file', location.href).href, localFile);

  mount(App, { target, props: { workbench, nav, address, offline } });
}
