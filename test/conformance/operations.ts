// The operations of RingCentral's OpenAPI subset, grouped by the suite that drives them.
export const THREAD_OPERATIONS = [
  'mthListThreads',
  'mthGetThread',
  'mthDeleteThread',
  'mthResolveThread',
  'mthAssignThread',
  'mthSyncThreads',
  'mthListMessages',
  'mthSendMessage',
  'mthDeleteMessages',
  'mthSyncEntries',
  'mthListNotes',
  'mthCreateNote',
  'mthDeleteNotes',
  'mthUpdateNote',
  'mthReadMessageContent',
];

export const ACCOUNT_OAUTH_OPERATIONS = [
  'readExtension',
  'readExtensionFeatures',
  'listExtensionPhoneNumbers',
  'getSmsRecipients',
  'bulkAssignSmsRecipients',
  'listCallQueues',
  'listSites',
  'authorize',
  'authorize2',
  'getToken',
  'revokeToken',
  'authWsToken',
];

export const SUBSCRIPTION_OPERATIONS = [
  'listSubscriptions',
  'createSubscription',
  'readSubscription',
  'updateSubscription',
  'deleteSubscription',
  'renewSubscription',
];
