import { describe, expect, it } from 'vitest';
import { applyTemplate, mergeValues, unknownFields } from './templates';

describe('templates', () => {
  it('fills every merge field from the customer and agent names', () => {
    const values = mergeValues('Jane van Dyke', 'Dana Agent');
    expect(values).toEqual({
      firstName: 'Jane',
      lastName: 'van Dyke',
      agentName: 'Dana Agent',
      agentFirstName: 'Dana',
    });
    expect(applyTemplate('Hi {firstName} {lastName}, {agentFirstName} here ({agentName}).', values)).toEqual({
      text: 'Hi Jane van Dyke, Dana here (Dana Agent).',
      missing: [],
    });
  });

  it('drops a field without a value with its space, and reports it', () => {
    expect(applyTemplate('Hi {firstName}, this is {agentName}.', mergeValues(undefined, 'Dana'))).toEqual({
      text: 'Hi, this is Dana.',
      missing: ['firstName'],
    });
  });

  it('leaves unknown fields as typed and lists them for the editor', () => {
    expect(applyTemplate('Order {orderId} ready', {}).text).toBe('Order {orderId} ready');
    expect(unknownFields('Hi {firstName}, order {orderId} {x}')).toEqual(['orderId', 'x']);
  });
});
