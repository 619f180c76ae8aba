// GET /__emulator/credentials: everything a test or the demo needs to sign in, and who handles what.
import { fullName, handledResources, numbersOfResource, resourceExtensionType } from '../directory.ts';
import { CUSTOMERS } from '../seed/customers.ts';
import type { EmulatorState } from '../state.ts';

export function credentialsView(state: EmulatorState) {
  return {
    publicClientId: state.apps.publicClientId,
    clientId: state.apps.publicClientId,
    privateApp: { clientId: state.apps.privateClientId, clientSecret: state.apps.privateClientSecret },
    users: state.accounts.flatMap((account) =>
      account.users.map((user) => ({
        accountId: account.id,
        extensionId: user.id,
        name: fullName(user),
        username: user.email,
        extensionNumber: user.extensionNumber,
        password: user.password,
        jwt: user.jwt,
        messageThreads: account.messageThreads,
        handles: handledResources(account, user.id).map((resource) => ({
          id: resource.id,
          name: resource.name,
          type: resourceExtensionType(resource),
          assignable: resource.recipients.some((r) => r.extensionId === user.id && r.assignable),
          sharedNumbers: numbersOfResource(account, resource.id).map((n) => n.phoneNumber),
        })),
      })),
    ),
    customers: CUSTOMERS,
  };
}
