/**
 * The app's one place in the browser's storage: an IndexedDB database with a single object store,
 * `app`, whose records are told apart by a kind prefix on their key (`workspace:<fingerprint>`
 * for autosaved work, `library:<id>` for saved definition sets). A new kind is a new prefix, never a new
 * store, so the database stays at version 1 and no upgrade can strand what was saved.
 *
 * Every failure becomes an Error whose message says, in words for the person using the page, why
 * (a full disk, private browsing); what a record holds is returned as `unknown`, for its reader to
 * check: storage can hold what an older page, another tab or a person with devtools wrote.
 */

export const DATABASE_NAME = 'segment-workbench';
export const STORE_NAME = 'app';
const VERSION = 1;

/**
 * The kinds of record the app keeps; each key is `<kind>:<id>`. A kind's records are listed with
 * an `IDBKeyRange` from `<kind>:` to `<kind>:\uffff`.
 */
export type RecordKind = 'workspace' | 'library';
export type RecordKey = `${RecordKind}:${string}`;

export interface AppStore {
  /** The record under `key`, unchecked; undefined when there is none. */
  get(key: RecordKey): Promise<unknown>;
  put(key: RecordKey, value: unknown): Promise<void>;
  delete(key: RecordKey): Promise<void>;
  /** Every record of one kind, unchecked, in key order. */
  list(kind: RecordKind): Promise<{ key: RecordKey; value: unknown }[]>;
  /** Deletes every record of these kinds in one transaction: all of them go, or (on a failure) none. */
  deleteKinds(kinds: readonly RecordKind[]): Promise<void>;
}

/** The key range holding every record of one kind. */
export const kindRange = (kind: RecordKind) => IDBKeyRange.bound(`${kind}:`, `${kind}:\uffff`);

/** Why storage failed, in words for the page's messages. */
export function storageErrorReason(error: unknown): string {
  const known = error instanceof Error || error instanceof DOMException;
  const name = known ? error.name : '';
  const message = known ? error.message : error == null ? '' : String(error);
  switch (name) {
    case 'QuotaExceededError':
      return "the browser's storage for this page is full";
    case 'InvalidStateError':
    case 'SecurityError':
      // Firefox's private windows refuse IndexedDB with InvalidStateError; blocked site data gives SecurityError.
      return 'this browser does not let the page keep data (a private window, or site data turned off)';
    case 'VersionError':
      return 'a newer version of this page has saved data here; reload the page to use it';
    case 'UnknownError':
      return `the browser's storage failed${message ? ` (${message})` : ''}`;
    default:
      return message || name || 'the browser did not say why';
  }
}

const failure = (error: unknown) => new Error(storageErrorReason(error));

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(failure(req.error));
  });
}

/** A write counts once its transaction has committed: an abort (a full disk) is reported, and nothing of it is kept. */
function committed(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onabort = () => reject(failure(tx.error));
  });
}

/** The app's store in this browser. Nothing is opened until first used; an open that failed is tried again next time. */
export function openAppStore(factory: IDBFactory | undefined = globalThis.indexedDB, name = DATABASE_NAME): AppStore {
  let opened: Promise<IDBDatabase> | null = null;

  function database(): Promise<IDBDatabase> {
    opened ??= new Promise<IDBDatabase>((resolve, reject) => {
      if (!factory) return reject(new Error('this browser does not let the page keep data (it has no IndexedDB)'));
      let req: IDBOpenDBRequest;
      try {
        req = factory.open(name, VERSION);
      } catch (e) {
        return reject(failure(e));
      }
      req.onupgradeneeded = () => {
        if (!req.result.objectStoreNames.contains(STORE_NAME)) req.result.createObjectStore(STORE_NAME);
      };
      req.onsuccess = () => {
        const db = req.result;
        // Another tab opening a newer version must not wait for this one: close, and open again when next needed.
        db.onversionchange = () => {
          db.close();
          opened = null;
        };
        resolve(db);
      };
      req.onerror = () => reject(failure(req.error));
      req.onblocked = () => reject(new Error('another tab of this page holds the storage open; close it and try again'));
    }).catch((e: unknown) => {
      opened = null;
      throw e;
    });
    return opened;
  }

  async function run<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
    const db = await database();
    let tx: IDBTransaction;
    try {
      tx = db.transaction(STORE_NAME, mode);
    } catch (e) {
      throw failure(e);
    }
    const done = committed(tx);
    const result = request(work(tx.objectStore(STORE_NAME)));
    // The request's error is the transaction's too: report the transaction's, which names the cause.
    result.catch(() => undefined);
    await done;
    return result;
  }

  async function transaction(mode: IDBTransactionMode): Promise<IDBTransaction> {
    const db = await database();
    try {
      return db.transaction(STORE_NAME, mode);
    } catch (e) {
      throw failure(e);
    }
  }

  /** Read in one transaction, so a record written meanwhile is either listed whole or not at all. */
  async function list(kind: RecordKind): Promise<{ key: RecordKey; value: unknown }[]> {
    const tx = await transaction('readonly');
    const done = committed(tx);
    const found: { key: RecordKey; value: unknown }[] = [];
    const cursor = tx.objectStore(STORE_NAME).openCursor(kindRange(kind));
    cursor.onsuccess = () => {
      const at = cursor.result;
      if (!at) return;
      found.push({ key: at.key as RecordKey, value: at.value as unknown });
      at.continue();
    };
    await done;
    return found;
  }

  async function deleteKinds(kinds: readonly RecordKind[]): Promise<void> {
    const tx = await transaction('readwrite');
    const done = committed(tx);
    // A failed delete aborts the transaction, whose error `done` reports.
    for (const kind of kinds) tx.objectStore(STORE_NAME).delete(kindRange(kind));
    await done;
  }

  return {
    get: (key) => run('readonly', (store) => store.get(key)),
    put: async (key, value) => void (await run('readwrite', (store) => store.put(value, key))),
    delete: async (key) => void (await run('readwrite', (store) => store.delete(key))),
    list,
    deleteKinds,
  };
}
