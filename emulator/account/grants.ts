// The extension's grants (docs/emulator.md "Grants"): GET …/extension/~/grant lists the call queues whose SMS the
// agent receives (callQueueSmsRecipient, as RingCentral's own widgets read it), and a change of that membership
// is pushed on the agent's grant filter `/restapi/v1.0/account/~/extension/~/grant`.
import type { Core } from '../core.ts';
import { grantPath } from '../push/event-filters.ts';
import type { FilterEvent } from '../push/types.ts';
import type { AccountRec, ResourceRec } from '../state.ts';
import { handledResources, isHandler, resourceExtensionType } from '../directory.ts';
import { extensionUri, type AccountViewContext } from './views.ts';

/** GrantInfo records: one per call queue the extension is an SMS recipient of; every other grant is false. */
export function grantRecords(ctx: AccountViewContext, extensionId: string) {
  return handledResources(ctx.account, extensionId)
    .filter((resource) => resource.kind === 'CallQueue')
    .map((resource) => ({
      uri: `${extensionUri(ctx, extensionId)}/grant`,
      extension: {
        id: resource.id,
        uri: extensionUri(ctx, resource.id),
        extensionNumber: resource.extensionNumber,
        type: resourceExtensionType(resource),
        name: resource.name,
      },
      callPickup: false,
      callMonitoring: false,
      callOnBehalfOf: false,
      callDelegation: false,
      groupPaging: false,
      callQueueSetup: false,
      callQueueMembersSetup: false,
      callQueueSmsRecipient: true,
      sharedVoicemails: false,
    }));
}

/** Pushes a grant event to each extension whose membership changed. */
export function notifyGrantChange(core: Core, account: AccountRec, extensionIds: readonly string[]): void {
  for (const extensionId of new Set(extensionIds)) {
    const event: FilterEvent = {
      accountId: account.id,
      paths: [grantPath(account.id, extensionId)],
      body: { extensionId, eventType: 'Update' },
    };
    core.events.emit('filter-event', event);
  }
}

/** Adds and removes SMS recipients of a resource; added ones may be assigned threads. */
export function setRecipients(
  resource: ResourceRec,
  added: readonly string[],
  removed: readonly string[],
): void {
  resource.recipients = resource.recipients.filter((r) => !removed.includes(r.extensionId));
  for (const id of added) {
    if (!isHandler(resource, id))
      resource.recipients.push({ extensionId: id, assignable: true, hasLicense: true });
  }
}
