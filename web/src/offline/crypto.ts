// The key of the encrypted local store (docs/ARCHITECTURE.md "Offline"): AES-GCM 256, derived with
// HKDF-SHA-256 from the per-session secret the server gives the signed-in user, and never
// extractable (scripts can use it to encrypt and decrypt but cannot read its bytes).

export function hexToBytes(hex: string): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

export async function deriveKey(secretHex: string, userId: number): Promise<CryptoKey> {
  const ikm = await crypto.subtle.importKey('raw', hexToBytes(secretHex), 'HKDF', false, ['deriveKey']);
  const enc = new TextEncoder();
  return crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: enc.encode('longghep-offline-store-v1'), info: enc.encode(`user:${userId}`) },
    ikm,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

export interface Sealed {
  iv: Uint8Array<ArrayBuffer>;
  ct: ArrayBuffer;
}

export async function seal(key: CryptoKey, value: unknown, aad: string): Promise<Sealed> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = new TextEncoder().encode(JSON.stringify(value));
  const ct = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: new TextEncoder().encode(aad) }, key, data);
  return { iv, ct };
}

export async function open<T>(key: CryptoKey, s: Sealed, aad: string): Promise<T> {
  const pt = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: s.iv, additionalData: new TextEncoder().encode(aad) }, key, s.ct);
  return JSON.parse(new TextDecoder().decode(pt)) as T;
}
