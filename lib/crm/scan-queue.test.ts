import { afterEach, describe, expect, it } from 'vitest';
import { ScanQueue } from './scan-queue';
import { scanParts, segmentRoot } from './segment-root';

afterEach(() => {
  document.body.innerHTML = '';
});

describe('ScanQueue', () => {
  it('keeps subtrees in order, once, and skips those an ancestor already covers', () => {
    document.body.innerHTML = '<div id="a"><p id="b"></p></div><div id="c"></div>';
    const [a, b, c] = ['a', 'b', 'c'].map((id) => document.getElementById(id)!);
    const queue = new ScanQueue();
    queue.add(c!);
    queue.add(a!);
    queue.add(b!);
    queue.add(c!);
    expect(queue.size).toBe(2);
    expect([queue.take(), queue.take(), queue.take()]).toEqual([c, a, undefined]);
  });

  it('treats a shadow root as inside its host', () => {
    document.body.innerHTML = '<x-host></x-host>';
    const host = document.querySelector('x-host')!;
    const shadow = host.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<p>x</p>';
    const queue = new ScanQueue();
    queue.add(host);
    queue.add(shadow.firstChild!);
    expect(queue.size).toBe(1);
  });

  it('puts the parts of a large subtree first in line', () => {
    document.body.innerHTML = '<div id="a"></div><div id="b"></div><div id="c"></div>';
    const [a, b, c] = ['a', 'b', 'c'].map((id) => document.getElementById(id)!);
    const queue = new ScanQueue();
    queue.add(c!);
    queue.putFirst([a!, b!]);
    expect([queue.take(), queue.take(), queue.take()]).toEqual([a, b, c]);
  });
});

describe('segmentRoot and scanParts', () => {
  it('rescans from the nearest element that is not inline', () => {
    document.body.innerHTML = '<div id="cell"><span><b id="b">415</b></span>-555-0100</div>';
    const b = document.getElementById('b')!;
    expect(segmentRoot(b.firstChild!)).toBe(document.getElementById('cell'));
    expect(segmentRoot(document.getElementById('cell')!)).toBe(document.getElementById('cell'));
  });

  it('splits large containers of blocks, never runs of inline text', () => {
    document.body.innerHTML = `<ul id="list">${'<li><span>x</span></li>'.repeat(20)}</ul><p id="text">${'<b>4</b>'.repeat(20)}</p>`;
    expect(scanParts(document.getElementById('list')!, 10)).toHaveLength(20);
    expect(scanParts(document.getElementById('list')!, 100)).toBeUndefined();
    expect(scanParts(document.getElementById('text')!, 10)).toBeUndefined();
  });
});
