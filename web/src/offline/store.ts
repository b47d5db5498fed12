// The encrypted local store (IndexedDB "longghep-offline", docs/ARCHITECTURE.md "Offline"):
//   meta   — {id: 'key', key: CryptoKey (non-extractable), userId, username}
//   items  — the queue: {id, iv, ct} (the QueueItem sealed with AES-GCM, its id as associated data)
//   refs   — reads kept for entry without a network: {id: path+query, iv, ct}
//   me     — the signed-in user as last seen (sealed), so a reload offline knows who works
// Nothing but ids is in clear. wipe() deletes the whole database.
import { deriveKey, open as unseal, seal, type Sealed } from './crypto';
import type { QueueItem } from './queue';

const DB = 'longghep-offline';
const VERSION = 1;

function req<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((res, rej) => {
    r.onsuccess = () => res(r.result);
    r.onerror = () => rej(r.error);
  });
}

let dbp: Promise<IDBDatabase> | null = null;
function db(): Promise<IDBDatabase> {
  if (!dbp) {
    dbp = new Promise((res, rej) => {
      const r = indexedDB.open(DB, VERSION);
      r.onupgradeneeded = () => {
        const d = r.result;
        for (const s of ['meta', 'items', 'refs', 'me']) if (!d.objectStoreNames.contains(s)) d.createObjectStore(s, { keyPath: 'id' });
      };
      r.onsuccess = () => {
        r.result.onversionchange = () => {
          r.result.close();
          dbp = null;
        };
        res(r.result);
      };
      r.onerror = () => rej(r.error);
    });
    dbp.catch(() => (dbp = null));
  }
  return dbp;
}

async function tx<T>(store: string, mode: IDBTransactionMode, fn: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const d = await db();
  return req(fn(d.transaction(store, mode).objectStore(store)));
}

interface KeyRecord {
  id: 'key';
  key: CryptoKey;
  userId: number;
  username: string;
  /** SHA-256 of the secret's label (not the secret): the same session opens its store as it is. */
  secretId?: string;
}

async function secretIdOf(secretHex: string): Promise<string> {
  const d = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`longghep-offline-id:${secretHex}`));
  return Array.from(new Uint8Array(d), (b) => b.toString(16).padStart(2, '0')).join('');
}

let keyCache: KeyRecord | null = null;

// Opening for a user and wiping run one after the other, never interleaved (a wipe started by an
// ended session must not delete the key a sign-in just wrote).
let chain: Promise<unknown> = Promise.resolve();
function serial<T>(fn: () => Promise<T>): Promise<T> {
  const p = chain.then(fn, fn);
  chain = p.catch(() => undefined);
  return p;
}

async function keyRecord(): Promise<KeyRecord | null> {
  if (keyCache) return keyCache;
  const k = (await tx<KeyRecord | undefined>('meta', 'readonly', (s) => s.get('key'))) ?? null;
  keyCache = k;
  return k;
}

/** Who the store belongs to (null: no store). */
export async function owner(): Promise<{ userId: number; username: string } | null> {
  const k = await keyRecord();
  return k ? { userId: k.userId, username: k.username } : null;
}

/**
 * Opens the store for a signed-in user with the session's secret. A store of the same user that
 * still holds items keeps its key (they were sealed with it); an empty one takes the new key.
 * A store of another user is the caller's matter (see countOf/wipe).
 */
export function openFor(userId: number, username: string, secretHex: string): Promise<void> {
  return serial(() => openForNow(userId, username, secretHex));
}

async function openForNow(userId: number, username: string, secretHex: string): Promise<void> {
  const k = await keyRecord();
  const secretId = await secretIdOf(secretHex);
  if (k && k.userId === userId && k.secretId === secretId) return;  // this session's store, as it is
  if (k && k.userId === userId && (await itemCount()) > 0) return;
  const key = await deriveKey(secretHex, userId);
  const rec: KeyRecord = { id: 'key', key, userId, username, secretId };
  await tx('meta', 'readwrite', (s) => s.put(rec));
  keyCache = rec;
  await tx('refs', 'readwrite', (s) => s.clear());  // sealed with the old key
  await tx('me', 'readwrite', (s) => s.clear());
}

async function key(): Promise<CryptoKey> {
  const k = await keyRecord();
  if (!k) throw new Error('offline store not open');
  return k.key;
}

interface SealedRow extends Sealed {
  id: string;
}

async function putSealed(store: string, id: string, value: unknown): Promise<void> {
  const s = await seal(await key(), value, `${store}:${id}`);
  await tx(store, 'readwrite', (os) => os.put({ id, ...s } satisfies SealedRow));
}

async function getSealed<T>(store: string, id: string): Promise<T | null> {
  const row = await tx<SealedRow | undefined>(store, 'readonly', (s) => s.get(id));
  if (!row) return null;
  return unseal<T>(await key(), row, `${store}:${id}`);
}

export async function itemCount(): Promise<number> {
  return tx('items', 'readonly', (s) => s.count());
}

export async function putItem(item: QueueItem): Promise<void> {
  await putSealed('items', item.id, item);
}

export async function deleteItem(id: string): Promise<void> {
  await tx('items', 'readwrite', (s) => s.delete(id));
}

export async function allItems(): Promise<QueueItem[]> {
  if (!(await keyRecord())) return [];
  const rows = await tx<SealedRow[]>('items', 'readonly', (s) => s.getAll());
  const k = await key();
  const out: QueueItem[] = [];
  for (const r of rows) out.push(await unseal<QueueItem>(k, r, `items:${r.id}`));
  return out.sort((a, b) => a.seq - b.seq);
}

export async function putRef(id: string, value: unknown): Promise<void> {
  if (!(await keyRecord())) return;
  await putSealed('refs', id, value);
}

export async function getRef<T>(id: string): Promise<T | null> {
  if (!(await keyRecord())) return null;
  return getSealed<T>('refs', id);
}

export async function putMe(me: unknown): Promise<void> {
  if (!(await keyRecord())) return;
  await putSealed('me', 'me', me);
}

export async function getMe<T>(): Promise<T | null> {
  if (!(await keyRecord())) return null;
  try {
    return await getSealed<T>('me', 'me');
  } catch {
    return null;
  }
}

/** Deletes everything: records, key, kept lists. */
export function wipe(): Promise<void> {
  return serial(async () => {
    keyCache = null;
    const d = await dbp?.catch(() => null);
    d?.close();
    dbp = null;
    await new Promise<void>((res) => {
      const r = indexedDB.deleteDatabase(DB);
      r.onsuccess = r.onerror = () => res();
      // blocked by a connection of another tab that does not close: do not hold the chain forever
      r.onblocked = () => setTimeout(res, 3000);
    });
  });
}
