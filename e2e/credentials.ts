// The shape of the emulator's GET /__emulator/credentials that specs use.
export interface SeededUser {
  accountId: string;
  extensionId: string;
  name: string;
  username: string;
  password: string;
  jwt: string;
  handles: { id: string; name: string; type: string; assignable: boolean; sharedNumbers: string[] }[];
}

export interface Credentials {
  publicClientId: string;
  privateApp: { clientId: string; clientSecret: string };
  users: SeededUser[];
  customers: unknown;
}

/** The advisors who handle the Financial Advising Queue, in seed order. */
export function advisors(creds: Credentials): SeededUser[] {
  return creds.users.filter((u) => u.handles.some((r) => r.type === 'Department'));
}
