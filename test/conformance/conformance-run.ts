// One conformance run: an emulator, SDK clients whose traffic is recorded, and the findings per operation.
import type { SDK } from '@ringcentral/sdk';
import { checkExchange, operationOf, type Finding } from './check-exchange.ts';
import { startTestEmulator, type TestEmulator } from './emulator-fixture.ts';
import type { OpenApiValidator } from './openapi.ts';
import { recordingFetch, type Exchange } from './recorder.ts';
import { createSdk, signInWithJwt, type EmulatorUser } from './sdk-session.ts';

export interface ConformanceRun {
  emu: TestEmulator;
  exchanges: Exchange[];
  signIn(user: EmulatorUser): Promise<SDK>;
  /** A private-app SDK that is not signed in, recording too. */
  anonymousSdk(): SDK;
  /** Runs a call that is meant to fail (or may), keeping the exchange but not the exception. */
  attempt(call: () => Promise<unknown>): Promise<void>;
  /** Runs a call whose request is deliberately invalid: request findings on it are expected. */
  invalidRequest(call: () => Promise<unknown>): Promise<void>;
  findings(spec: OpenApiValidator): Finding[];
  operationsSeen(spec: OpenApiValidator): Set<string>;
  close(): Promise<void>;
}

export async function startConformanceRun(): Promise<ConformanceRun> {
  const emu = await startTestEmulator();
  const exchanges: Exchange[] = [];
  const deliberatelyInvalid = new Set<Exchange>();
  const fetchImpl = recordingFetch(exchanges);
  const attempt = async (call: () => Promise<unknown>) => {
    try {
      await call();
    } catch (error) {
      if (!(error as { response?: unknown }).response) throw error;
    }
  };
  return {
    emu,
    exchanges,
    signIn: (user) => signInWithJwt(emu.url, emu.credentials, user, fetchImpl),
    anonymousSdk: () => createSdk(emu.url, emu.credentials.privateApp, fetchImpl),
    attempt,
    async invalidRequest(call) {
      const before = exchanges.length;
      await attempt(call);
      for (const exchange of exchanges.slice(before)) deliberatelyInvalid.add(exchange);
    },
    findings(spec) {
      return exchanges.flatMap((exchange) =>
        checkExchange(spec, exchange).filter(
          (f) => !(f.side === 'request' && deliberatelyInvalid.has(exchange)),
        ),
      );
    },
    operationsSeen(spec) {
      return new Set(
        exchanges.map((e) => operationOf(spec, e)).filter((id): id is string => id !== undefined),
      );
    },
    close: () => emu.close(),
  };
}
