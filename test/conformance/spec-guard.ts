// Runs a conformance suite only where RingCentral's OpenAPI subset is present; elsewhere it says so plainly and
// proves why, instead of silently skipping.
import { describe, expect, it } from 'vitest';
import { loadOpenApi, type OpenApiValidator } from './openapi.ts';
import { specExists, specPath } from './spec-location.ts';

export const SKIP_MESSAGE = 'conformance: skipped — ../shared/rc/openapi not found';

export function describeWithSpec(
  name: string,
  suite: (spec: () => OpenApiValidator) => void,
  file: string = specPath,
): void {
  if (!specExists(file)) {
    describe(name, () => {
      console.info(SKIP_MESSAGE);
      it('is skipped because the OpenAPI file is missing', () => {
        expect(specExists(file), `${file} should be missing`).toBe(false);
      });
    });
    return;
  }
  let validator: OpenApiValidator | undefined;
  describe(name, () => suite(() => (validator ??= loadOpenApi(file))));
}
