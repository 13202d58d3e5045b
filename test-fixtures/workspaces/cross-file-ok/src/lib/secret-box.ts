import { DecryptCommand, EncryptCommand, KMSClient } from "@aws-sdk/client-kms";

/** Seals small secrets under one KMS key. */
export class SecretBox {
  private readonly client = new KMSClient({});

  constructor(private readonly keyId: string) {}

  async seal(plaintext: Uint8Array, context?: Record<string, string>) {
    return this.client.send(
      new EncryptCommand({ KeyId: this.keyId, Plaintext: plaintext, EncryptionContext: context }),
    );
  }

  async open(blob: Uint8Array, context?: Record<string, string>) {
    return this.client.send(
      new DecryptCommand({ KeyId: this.keyId, CiphertextBlob: blob, EncryptionContext: context }),
    );
  }
}
