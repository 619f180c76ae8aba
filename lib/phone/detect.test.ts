import { afterEach, describe, expect, it } from 'vitest';
import { detectPhoneNumbers } from './index';

function page(html: string): HTMLElement {
  document.body.innerHTML = html;
  return document.body;
}

function found(root: Node = document.body, options = { defaultCountry: 'US' }) {
  return detectPhoneNumbers(root, options).map((m) => ({ e164: m.e164, text: m.text, source: m.source }));
}

afterEach(() => {
  document.body.innerHTML = '';
  document.head.innerHTML = '';
});

describe('detectPhoneNumbers: where numbers are found', () => {
  it('finds numbers in text nodes with a Range over exactly the written number', () => {
    page('<p>Call <b>Ana</b> at (415) 555-2671 x12 today</p>');
    const [match] = detectPhoneNumbers(document.body, { defaultCountry: 'US' });
    expect(match).toMatchObject({ e164: '+14155552671', text: '(415) 555-2671 x12', extension: '12' });
    expect(match!.range.toString()).toBe('(415) 555-2671 x12');
    expect(match!.range.startContainer.textContent).toBe(' at (415) 555-2671 x12 today');
  });

  it('joins numbers split over inline elements without touching the nodes', () => {
    page('<div id="a"><span>(415)</span> <span>555-2671</span></div><div id="b"><b>212</b>-555-0198</div>');
    const before = document.body.innerHTML;
    const matches = detectPhoneNumbers(document.body, { defaultCountry: 'US' });
    expect(matches.map((m) => [m.e164, m.range.toString()])).toEqual([
      ['+14155552671', '(415) 555-2671'],
      ['+12125550198', '212-555-0198'],
    ]);
    expect(document.body.innerHTML).toBe(before);
  });

  it('reads an element edge as a space between words and numbers, and as nothing beside punctuation', () => {
    page(
      '<div><span>Phone</span><span>4155552671</span></div>' +
        '<div><span>2125550198</span><span>6465550134</span></div>' +
        '<div><span>ORD-</span><span>9175550143</span></div>',
    );
    expect(found().map((m) => m.text)).toEqual(['4155552671', '2125550198', '6465550134']);
  });

  it('does not join text across block elements or table cells', () => {
    page('<table><tr><td>415</td><td>555-2671</td></tr></table><div>212</div><div>555-0198</div>');
    expect(found()).toEqual([]);
  });

  it('reports a tel: link once, for the link, whatever its text', () => {
    page(
      '<a href="tel:+14155552671">(415) 555-2671</a> <a href="tel:212-555-0198;ext=7">Call</a>' +
        ' <a href="sms:+442079460958?body=hi">Text us</a> <a href="callto://+33612345678">Skype</a>',
    );
    const matches = detectPhoneNumbers(document.body, { defaultCountry: 'US' });
    expect(matches.map((m) => [m.e164, m.text, m.source, m.extension])).toEqual([
      ['+14155552671', '(415) 555-2671', 'link', undefined],
      ['+12125550198', 'Call', 'link', '7'],
      ['+442079460958', 'Text us', 'link', undefined],
      ['+33612345678', 'Skype', 'link', undefined],
    ]);
    expect(matches[0]!.range.toString()).toBe('(415) 555-2671');
  });

  it('reads read-only inputs, with a Range around the input itself', () => {
    page('<label>Mobile <input readonly value="(415) 555-2671"></label><input value="(212) 555-0198">');
    const [match, ...rest] = detectPhoneNumbers(document.body, { defaultCountry: 'US' });
    expect(rest).toEqual([]);
    expect(match).toMatchObject({ e164: '+14155552671', text: '(415) 555-2671', source: 'input' });
    const input = document.querySelector('input')!;
    expect(match!.range.startContainer).toBe(input.parentNode);
    expect(match!.range.startOffset).toBe(Array.from(input.parentNode!.childNodes).indexOf(input));
    expect(match!.range.endOffset).toBe(match!.range.startOffset + 1);
  });

  it('looks into open shadow roots, nested ones too', () => {
    page('<x-card></x-card>');
    const host = document.querySelector('x-card')!;
    const outer = host.attachShadow({ mode: 'open' });
    outer.innerHTML = '<span>Phone: 415-555-2671</span><x-inner></x-inner>';
    outer.querySelector('x-inner')!.attachShadow({ mode: 'open' }).innerHTML = '<p>+44 20 7946 0958</p>';
    expect(found().map((m) => m.e164)).toEqual(['+14155552671', '+442079460958']);
  });

  it('can scan a subtree, a shadow root or a single text node', () => {
    page('<div id="one">415-555-2671</div><div id="two">212-555-0198</div>');
    expect(found(document.getElementById('two')!).map((m) => m.e164)).toEqual(['+12125550198']);
    expect(found(document.getElementById('one')!.firstChild!).map((m) => m.e164)).toEqual(['+14155552671']);
    expect(found(document).map((m) => m.e164)).toEqual(['+14155552671', '+12125550198']);
  });

  it('reads national numbers by the default country, and international ones without it', () => {
    page('<p>020 7946 0958</p><p>+44 20 7946 0958</p>');
    expect(found(document.body, { defaultCountry: 'GB' }).map((m) => m.e164)).toEqual([
      '+442079460958',
      '+442079460958',
    ]);
    expect(detectPhoneNumbers(document.body).map((m) => m.e164)).toEqual(['+442079460958']);
  });
});

describe('detectPhoneNumbers: where numbers are not found', () => {
  it.each([
    ['script', '<script type="application/json">{"p":"(415) 555-2671"}</script>'],
    ['style', '<style>/* (415) 555-2671 */</style>'],
    ['noscript', '<noscript>(415) 555-2671</noscript>'],
    ['template', '<template><p>(415) 555-2671</p></template>'],
    ['textarea', '<textarea>(415) 555-2671</textarea>'],
    ['editable input', '<input value="(415) 555-2671">'],
    ['disabled-only input', '<input disabled value="(415) 555-2671">'],
    ['select', '<select><option>(415) 555-2671</option></select>'],
    ['contenteditable', '<div contenteditable="true">Draft: <b>(415) 555-2671</b></div>'],
    ['code', '<p>Run <code>dial 4155552671</code></p>'],
    ['hidden attribute', '<div hidden><p>(415) 555-2671</p></div>'],
    ['aria-hidden', '<div aria-hidden="true">(415) 555-2671</div>'],
    ['inline display:none', '<div style="color: red; display: none">(415) 555-2671</div>'],
    ['inline visibility:hidden', '<div style="visibility:hidden">(415) 555-2671</div>'],
    ['svg text', '<svg width="200" height="20"><text x="0" y="15">(415) 555-2671</text></svg>'],
    ['our own chip', '<threaddesk-chip>Open SMS thread with (415) 555-2671</threaddesk-chip>'],
  ])('skips %s', (_kind, html) => {
    page(`<section>${html}</section><p>visible 212-555-0198</p>`);
    expect(found().map((m) => m.e164)).toEqual(['+12125550198']);
  });

  it('skips content hidden by a style sheet', () => {
    document.head.innerHTML = '<style>.gone { display: none } .ghost { visibility: hidden }</style>';
    page('<div class="gone"><span>(415) 555-2671</span></div><p class="ghost">(212) 555-0198</p>');
    expect(found()).toEqual([]);
  });

  it('finds nothing when the scanned subtree sits inside hidden or editable content', () => {
    page(
      '<div hidden><p id="in-hidden">(415) 555-2671</p></div><div contenteditable><p id="in-edit">(212) 555-0198</p></div>',
    );
    expect(found(document.getElementById('in-hidden')!)).toEqual([]);
    expect(found(document.getElementById('in-edit')!)).toEqual([]);
  });

  it('tells the caller which elements it skipped as hidden', () => {
    page('<div id="a" hidden>(415) 555-2671</div><p id="b" style="display:none">(212) 555-0198</p>');
    const hidden: string[] = [];
    detectPhoneNumbers(document.body, { defaultCountry: 'US', onHidden: (el) => hidden.push(el.id) });
    expect(hidden).toEqual(['a', 'b']);
  });
});

describe('detectPhoneNumbers: field labels', () => {
  it('rejects numbers in a column whose header names an identifier, and keeps phone columns', () => {
    page(
      '<table><thead><tr><th>Order #</th><th>Account phone</th></tr></thead>' +
        '<tbody><tr><td>4155552671</td><td>4155552671</td></tr></tbody></table>',
    );
    expect(found().map((m) => m.e164)).toEqual(['+14155552671']);
    const td = document.querySelectorAll('td')[1]!;
    expect(detectPhoneNumbers(document.body, { defaultCountry: 'US' })[0]!.range.startContainer).toBe(
      td.firstChild,
    );
  });

  it('reads ARIA grid headers, definition lists and labels beside values', () => {
    page(
      '<div role="grid"><div role="row"><span role="columnheader">Invoice</span><span role="columnheader">Mobile</span></div>' +
        '<div role="row"><span role="gridcell">2125550198</span><span role="gridcell">2125550199</span></div></div>' +
        '<dl><dt>Ticket</dt><dd>2125550100</dd><dt>Phone</dt><dd>2125550101</dd></dl>' +
        '<div><span>Case number</span><span>2125550102</span></div>' +
        '<div><span>Work</span><span>2125550103</span></div>',
    );
    expect(found().map((m) => m.e164)).toEqual(['+12125550199', '+12125550101', '+12125550103']);
  });

  it('lets a CRM adapter supply its own field label', () => {
    page('<div class="field" data-label="Customer ID"><span>2125550198</span></div>');
    const fieldLabel = (el: Element) => el.closest('[data-label]')?.getAttribute('data-label') ?? undefined;
    expect(detectPhoneNumbers(document.body, { defaultCountry: 'US', fieldLabel })).toEqual([]);
    expect(found()).toHaveLength(1);
  });
});
