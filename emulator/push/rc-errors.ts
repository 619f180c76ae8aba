// RingCentral error bodies for subscription requests answered over the socket (docs/emulator.md "Errors"). The subscription
// API is a legacy v1 endpoint, so the first error is repeated at the top level as RingCentral does there.
export interface RcError {
  errorCode: string;
  message: string;
  parameterName?: string;
  parameterValue?: string;
}

export interface RcErrorBody extends RcError {
  errors: RcError[];
}

export function rcErrorBody(error: RcError): RcErrorBody {
  return { ...error, errors: [{ ...error }] };
}

export const RC_ERRORS = {
  invalidUri: (): RcError => ({ errorCode: 'CMN-120', message: 'Invalid URI' }),
  invalidParameter: (parameterName: string, parameterValue?: string): RcError => ({
    errorCode: 'CMN-101',
    message: `Parameter [${parameterName}] value is invalid.`,
    parameterName,
    ...(parameterValue === undefined ? {} : { parameterValue }),
  }),
  notFound: (parameterName: string, parameterValue: string): RcError => ({
    errorCode: 'CMN-102',
    message: `Resource for parameter [${parameterName}] is not found`,
    parameterName,
    parameterValue,
  }),
  invalidEventFilters: (filters: string[]): RcError => ({
    errorCode: 'SUB-508',
    message: `Invalid event filters: [${filters.join(', ')}]`,
    parameterName: 'eventFilters',
  }),
  foreignAccount: (): RcError => ({
    errorCode: 'SUB-406',
    message: 'Not allowed subscribe for events to extensions of other account',
  }),
  otherExtension: (): RcError => ({
    errorCode: 'SUB-405',
    message: 'Not allowed subscribe for messages to other extensions',
  }),
  rateExceeded: (): RcError => ({ errorCode: 'CMN-301', message: 'Request rate exceeded' }),
};
