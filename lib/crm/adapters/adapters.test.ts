import { afterEach, describe, expect, it } from 'vitest';
import { demo } from './demo';
import { dynamics } from './dynamics';
import { generic } from './generic';
import { hubspot } from './hubspot';
import { cleanName, closestAcrossShadow } from './markup';
import { pipedrive } from './pipedrive';
import { salesforce } from './salesforce';
import { zoho } from './zoho';

afterEach(() => {
  document.body.innerHTML = '';
});

const $ = (selector: string) => document.querySelector(selector)!;

describe('markup readers', () => {
  it('reads names, not numbers or long text', () => {
    expect(cleanName('  Ana \n María  ')).toBe('Ana María');
    expect(cleanName('(415) 555-0100')).toBeUndefined();
    expect(cleanName('x'.repeat(121))).toBeUndefined();
    expect(cleanName('  ')).toBeUndefined();
  });

  it('finds ancestors through shadow roots', () => {
    document.body.innerHTML =
      '<records-record-layout-item field-label="Mobile"><x-phone></x-phone></records-record-layout-item>';
    const inner = $('x-phone').attachShadow({ mode: 'open' });
    inner.innerHTML = '<span>415</span>';
    const span = inner.querySelector('span')!;
    expect(closestAcrossShadow(span, 'records-record-layout-item')).toBe($('records-record-layout-item'));
    expect(salesforce.fieldLabel!(span)).toBe('Mobile');
  });
});

describe('adapters read the contact beside a number', () => {
  it('Salesforce: list row header, record highlights', () => {
    document.body.innerHTML =
      '<records-highlights2><h1><lightning-formatted-name>Ana Ruiz</lightning-formatted-name></h1></records-highlights2>' +
      '<table><tr><th scope="row"><a>Bo Chen</a></th><td id="p">(415) 555-0100</td></tr></table>';
    expect(salesforce.rowName($('#p'))).toBe('Bo Chen');
    expect(salesforce.recordName(document)).toBe('Ana Ruiz');
  });

  it('HubSpot: name cell of the contact table, highlight title, property label', () => {
    document.body.innerHTML =
      '<h1 data-selenium-test="highlightTitle">Cy Dale</h1>' +
      '<table><tr><td data-test-id="name-cell"><a>Di Eng</a></td><td id="p">415-555-0100</td></tr></table>' +
      '<div data-selenium-test="property-input-phone"><label>Phone number</label><span id="q">415</span></div>';
    expect(hubspot.rowName($('#p'))).toBe('Di Eng');
    expect(hubspot.recordName(document)).toBe('Cy Dale');
    expect(hubspot.fieldLabel!($('#q'))).toBe('Phone number');
  });

  it('Zoho: link to the record in the row, field name hooks', () => {
    document.body.innerHTML =
      '<table><tr id="4150000000012345678"><td><a class="linkToDetail">Ed Fox</a></td><td id="p">415</td></tr></table>' +
      '<div data-zcqa-field="Mobile_Phone"><span id="q">415</span></div>';
    expect(zoho.rowName($('#p'))).toBe('Ed Fox');
    expect(zoho.fieldLabel!($('#q'))).toBe('Mobile Phone');
  });

  it('Pipedrive: person heading and labelled fields', () => {
    document.body.innerHTML =
      '<h1 data-test="person-name-heading">Flo Gray</h1>' +
      '<div data-test="field"><span data-test="field-label">Phone</span><span id="q">415</span></div>';
    expect(pipedrive.recordName(document)).toBe('Flo Gray');
    expect(pipedrive.fieldLabel!($('#q'))).toBe('Phone');
    expect(pipedrive.rowName($('#q'))).toBeUndefined();
  });

  it('Dynamics: header title, grid rows, aria-labelled inputs', () => {
    document.body.innerHTML =
      '<h1 data-id="header_title">Gus Hale</h1><input id="i" readonly aria-label="Mobile Phone" value="x">' +
      '<div role="row"><div col-id="fullname"><a>Ida Jones</a></div><div id="p">415</div></div>';
    expect(dynamics.recordName(document)).toBe('Gus Hale');
    expect(dynamics.fieldLabel!($('#i'))).toBe('Mobile Phone');
    expect(dynamics.rowName($('#p'))).toBe('Ida Jones');
  });

  it('generic and demo: first cell of a row, the page heading', () => {
    document.body.innerHTML =
      '<h1>Kim Lee</h1><table><tr><td>Max Noor</td><td id="p">415</td></tr><tr><td>2024-01-01</td><td id="q">415</td></tr></table>' +
      '<div data-contact><span data-name>Ola Park</span><span id="r">415</span></div>';
    expect(generic.rowName($('#p'))).toBe('Max Noor');
    expect(generic.rowName($('#q'))).toBeUndefined();
    expect(generic.recordName(document)).toBe('Kim Lee');
    expect(demo.rowName($('#r'))).toBe('Ola Park');
    expect(demo.allowFictional).toBe(true);
  });
});
