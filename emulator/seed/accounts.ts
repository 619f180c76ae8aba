// The seeded accounts (all fictional). Account A has Thread Messaging: the "Financial Advising Queue" call
// queue with four advisors, the main site with the company number, and a sub-site whose IVR menu has a direct
// number. Account B's service plan lacks the feature.
import { makeJwtCredential } from '../oauth/jwt-credential.ts';
import type { AccountRec, AppsRec, UserRec } from '../state.ts';

export const ACCOUNT_A = '850000001';
export const ACCOUNT_B = '860000001';
export const PASSWORD = 'Passw0rd!';

export const IDS = {
  avery: '850000101',
  jordan: '850000102',
  sam: '850000103',
  taylor: '850000104',
  riley: '850000105',
  morgan: '850000106',
  queue: '850000201',
  mainSite: '850000200',
  branch: '850000300',
  branchIvr: '850000301',
  casey: '860000101',
} as const;

export const NUMBERS = {
  queue: '+15559870100',
  main: '+15559870000',
  branchIvr: '+15559870300',
  accountBMain: '+15559880000',
} as const;

export const APPS: AppsRec = {
  publicClientId: 'tdPublicExtensionClient01',
  privateClientId: 'tdPrivateServerClient0001',
  privateClientSecret: 'tdPrivateServerSecret-0001-emulator',
};

type UserSeed = Omit<UserRec, 'password' | 'jwt'>;

function user(secret: string, accountId: string, seed: UserSeed): UserRec {
  return {
    ...seed,
    password: PASSWORD,
    jwt: makeJwtCredential(secret, { accountId, extensionId: seed.id, clientId: APPS.privateClientId }),
  };
}

const advisor = (extensionId: string) => ({ extensionId, assignable: true, hasLicense: true });

export function seedAccounts(secret: string): AccountRec[] {
  const a = (seed: UserSeed) => user(secret, ACCOUNT_A, seed);
  const accountA: AccountRec = {
    id: ACCOUNT_A,
    companyName: 'Harbor & Pine Wealth',
    messageThreads: true,
    users: [
      a({
        id: IDS.avery,
        firstName: 'Avery',
        lastName: 'Chen',
        email: 'avery.chen@harborpine.example',
        extensionNumber: '101',
        siteId: 'main-site',
      }),
      a({
        id: IDS.jordan,
        firstName: 'Jordan',
        lastName: 'Patel',
        email: 'jordan.patel@harborpine.example',
        extensionNumber: '102',
        siteId: 'main-site',
      }),
      a({
        id: IDS.sam,
        firstName: 'Sam',
        lastName: 'Okafor',
        email: 'sam.okafor@harborpine.example',
        extensionNumber: '103',
        siteId: 'main-site',
      }),
      a({
        id: IDS.taylor,
        firstName: 'Taylor',
        lastName: 'Brooks',
        email: 'taylor.brooks@harborpine.example',
        extensionNumber: '104',
        siteId: 'main-site',
      }),
      a({
        id: IDS.riley,
        firstName: 'Riley',
        lastName: 'Quinn',
        email: 'riley.quinn@harborpine.example',
        extensionNumber: '105',
        siteId: 'main-site',
      }),
      a({
        id: IDS.morgan,
        firstName: 'Morgan',
        lastName: 'Diaz',
        email: 'morgan.diaz@harborpine.example',
        extensionNumber: '106',
        siteId: IDS.branch,
      }),
    ],
    resources: [
      {
        id: IDS.queue,
        kind: 'CallQueue',
        name: 'Financial Advising Queue',
        extensionNumber: '201',
        siteId: 'main-site',
        recipients: [advisor(IDS.avery), advisor(IDS.jordan), advisor(IDS.sam), advisor(IDS.taylor)],
      },
      {
        id: IDS.mainSite,
        kind: 'MainSite',
        name: 'Harbor & Pine Wealth',
        extensionNumber: '200',
        siteId: 'main-site',
        recipients: [advisor(IDS.avery), advisor(IDS.jordan)],
      },
      {
        id: IDS.branch,
        kind: 'Site',
        name: 'Boston Branch',
        extensionNumber: '300',
        siteId: IDS.branch,
        // Morgan handles the branch's texts but has no licence, so threads cannot be assigned to them.
        recipients: [
          advisor(IDS.sam),
          advisor(IDS.taylor),
          { extensionId: IDS.morgan, assignable: false, hasLicense: false },
        ],
      },
    ],
    ivrs: [
      { id: IDS.branchIvr, name: 'Boston Branch Menu', extensionNumber: '301', siteResourceId: IDS.branch },
    ],
    phoneNumbers: [
      {
        id: 85001,
        phoneNumber: NUMBERS.main,
        usageType: 'MainCompanyNumber',
        features: ['CallerId', 'SmsSender', 'MmsSender'],
        extensionId: IDS.mainSite,
        extensionType: 'Site',
        resourceId: IDS.mainSite,
        label: 'Main company number',
      },
      {
        id: 85002,
        phoneNumber: NUMBERS.queue,
        usageType: 'DirectNumber',
        features: ['CallerId', 'SmsSender', 'MmsSender'],
        extensionId: IDS.queue,
        extensionType: 'Department',
        resourceId: IDS.queue,
        label: 'Financial Advising Queue',
      },
      {
        id: 85003,
        phoneNumber: NUMBERS.branchIvr,
        usageType: 'DirectNumber',
        features: ['CallerId', 'SmsSender'],
        extensionId: IDS.branchIvr,
        extensionType: 'IvrMenu',
        resourceId: IDS.branch,
        label: 'Boston Branch',
      },
      {
        id: 85011,
        phoneNumber: '+15559870101',
        usageType: 'DirectNumber',
        features: ['CallerId', 'SmsSender'],
        extensionId: IDS.avery,
        extensionType: 'User',
      },
      {
        id: 85012,
        phoneNumber: '+15559870102',
        usageType: 'DirectNumber',
        features: ['CallerId', 'SmsSender'],
        extensionId: IDS.jordan,
        extensionType: 'User',
      },
      {
        id: 85013,
        phoneNumber: '+15559870103',
        usageType: 'DirectNumber',
        features: ['CallerId', 'SmsSender'],
        extensionId: IDS.sam,
        extensionType: 'User',
      },
      {
        id: 85014,
        phoneNumber: '+15559870104',
        usageType: 'DirectNumber',
        features: ['CallerId', 'SmsSender'],
        extensionId: IDS.taylor,
        extensionType: 'User',
      },
      {
        id: 85015,
        phoneNumber: '+15559870105',
        usageType: 'DirectNumber',
        features: ['CallerId'],
        extensionId: IDS.riley,
        extensionType: 'User',
      },
    ],
  };
  const accountB: AccountRec = {
    id: ACCOUNT_B,
    companyName: 'Northwind Dental',
    messageThreads: false,
    users: [
      user(secret, ACCOUNT_B, {
        id: IDS.casey,
        firstName: 'Casey',
        lastName: 'Morgan',
        email: 'casey.morgan@northwind.example',
        extensionNumber: '501',
        siteId: 'main-site',
      }),
    ],
    resources: [],
    ivrs: [],
    phoneNumbers: [
      {
        id: 86001,
        phoneNumber: '+15559880101',
        usageType: 'DirectNumber',
        features: ['CallerId', 'SmsSender'],
        extensionId: IDS.casey,
        extensionType: 'User',
      },
    ],
  };
  return [accountA, accountB];
}
