// Kafka-style UUIDs: 16 random bytes shown as unpadded base64url (22 characters).
import { randomBytes } from 'crypto';

export const ZERO_UUID = 'AAAAAAAAAAAAAAAAAAAAAA';

export function randomKafkaUuid(): string {
  for (;;) {
    const b = randomBytes(16);
    const s = b.toString('base64url');
    // Kafka reserves the all-zero and the "one" uuid, and ids starting with '-' confuse CLIs
    if (s !== ZERO_UUID && !s.startsWith('-')) return s;
  }
}
