// Connecting a CRM, in the background. Salesforce: OAuth 2.0 authorization code with PKCE in the browser's auth
// window, the connected app has no secret, the instance URL comes from the token answer. HubSpot: a private
// app's access token, checked against the account it belongs to (HubSpot's OAuth token exchange needs a client
// secret, which an extension cannot keep). Either way the tokens go to the CRM store only.
import { browser } from 'wxt/browser';
import { challengeS256, createState, createVerifier, parseRedirect } from '../auth/pkce';
import { checkToken, type HubSpotSession } from '../crm-api/hubspot-client';
import { DEFAULT_BASE_URL } from '../crm-api/hubspot';
import { exchangeCode, type SalesforceSession } from '../crm-api/salesforce-client';
import { connectionKey, saveConnection, type CrmConnection, type CrmStore } from './store';

/** Salesforce's login hosts: production, sandbox, or a My Domain / emulator URL the admin enters. */
export const SALESFORCE_LOGIN_URLS = {
  production: 'https://login.salesforce.com',
  sandbox: 'https://test.salesforce.com',
};

export function salesforceRedirectUri(): string {
  return browser.identity.getRedirectURL('salesforce');
}

export async function connectSalesforce(
  db: CrmStore,
  p: { loginUrl: string; clientId: string },
): Promise<CrmConnection> {
  const loginUrl = p.loginUrl.replace(/\/+$/, '');
  const verifier = createVerifier();
  const state = createState();
  const redirectUri = salesforceRedirectUri();
  const url = new URL(`${loginUrl}/services/oauth2/authorize`);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: p.clientId,
    redirect_uri: redirectUri,
    state,
    code_challenge: await challengeS256(verifier),
    code_challenge_method: 'S256',
    scope: 'api refresh_token',
  }).toString();
  const responseUrl = await browser.identity.launchWebAuthFlow({ url: url.href, interactive: true });
  if (!responseUrl) throw new Error('Salesforce sign-in was closed before it finished.');
  const result = parseRedirect(responseUrl, state);
  if (!result.ok) throw new Error(result.message);
  const session = await exchangeCode({
    loginUrl,
    clientId: p.clientId,
    code: result.code,
    verifier,
    redirectUri,
  });
  return connect(db, { kind: 'salesforce', session });
}

export async function connectHubSpot(
  db: CrmStore,
  p: { token: string; baseUrl?: string },
): Promise<CrmConnection> {
  const session = await checkToken(p.baseUrl ?? DEFAULT_BASE_URL, p.token.trim());
  return connect(db, { kind: 'hubspot', session });
}

type NewConnection =
  { kind: 'salesforce'; session: SalesforceSession } | { kind: 'hubspot'; session: HubSpotSession };

/** Either CRM's session becomes the profile's connection, keyed by its org or portal. */
async function connect(db: CrmStore, p: NewConnection): Promise<CrmConnection> {
  const connection: CrmConnection = { ...p, key: connectionKey(p.kind, p.session), connectedAt: Date.now() };
  await saveConnection(db, connection);
  return connection;
}
