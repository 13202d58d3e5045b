import { SecretBox } from "./lib/secret-box";

const box = new SecretBox("alias/vault");

export async function storeToken(token: Uint8Array) {
  return box.seal(token);
}

export async function storeNote(note: Uint8Array, tenant: string) {
  return box.seal(note, { tenantId: tenant });
}

export async function readNote(blob: Uint8Array, tenant: string) {
  return box.open(blob, { tenantid: tenant });
}
