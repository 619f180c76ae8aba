// Which subtree to rescan when a node changes: its nearest ancestor-or-self that is not inline, since
// numbers may run across inline siblings ("<b>415</b>-555-0100").
import { isInlineElement } from '../phone/elements';

export function segmentRoot(node: Node): Node | undefined {
  let n: Node | null = node.nodeType === 1 || node.nodeType === 11 ? node : node.parentNode;
  while (n && n.nodeType === 1 && isInlineElement(n as Element) && n.parentNode) n = n.parentNode;
  return n ?? undefined;
}

/** Children of a large container scanned one by one; undefined when its text runs across them. */
export function scanParts(el: Element, maxElements: number): Node[] | undefined {
  if (el.shadowRoot || el.getElementsByTagName('*').length <= maxElements) return undefined;
  const parts: Node[] = [];
  for (let child = el.firstChild; child; child = child.nextSibling) {
    if (child.nodeType === 3) {
      if ((child as Text).data.trim()) return undefined;
    } else if (child.nodeType === 1) {
      if (isInlineElement(child as Element)) return undefined;
      parts.push(child);
    }
  }
  return parts.length > 0 ? parts : undefined;
}
