// The JWT credential a user generates for a private app (what RingCentral's console hands out): a signed token
// naming the user. The emulator only compares the whole string, but it has the familiar three-part shape.
import { createHmac } from 'node:crypto';

export function makeJwtCredential(
  secret: string,
  claims: { accountId: string; extensionId: string; clientId: string },
): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const header = encode({ alg: 'HS256', typ: 'JWT' });
  const payload = encode({
    aud: 'emulator',
    sub: claims.extensionId,
    iss: 'threaddesk-emulator',
    account: claims.accountId,
    client: claims.clientId,
  });
  const signature = createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url');
  return `${header}.${payload}.${signature}`;
}
