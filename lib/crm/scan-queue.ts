// Subtrees waiting to be scanned, in the order they changed. A subtree is queued once, and not at all
// when an ancestor already waits (scanning the ancestor covers it).

export class ScanQueue {
  private readonly waiting = new Set<Node>();
  private order: Node[] = [];
  private head = 0;

  get size(): number {
    return this.waiting.size;
  }

  add(node: Node): void {
    if (this.waiting.has(node)) return;
    for (let up = parentOf(node); up; up = parentOf(up)) if (this.waiting.has(up)) return;
    this.waiting.add(node);
    this.order.push(node);
  }

  /** Puts the parts of a subtree too large for one slice where it stood, first in line. */
  putFirst(parts: Node[]): void {
    for (const part of parts) this.waiting.add(part);
    this.order = parts.concat(this.order.slice(this.head));
    this.head = 0;
  }

  take(): Node | undefined {
    while (this.head < this.order.length) {
      const node = this.order[this.head++]!;
      if (this.waiting.delete(node)) return node;
    }
    this.order = [];
    this.head = 0;
    return undefined;
  }

  clear(): void {
    this.waiting.clear();
    this.order = [];
    this.head = 0;
  }
}

/** The parent, stepping from a shadow root to its host. */
function parentOf(node: Node): Node | null {
  return node.nodeType === 11 ? ((node as ShadowRoot).host ?? null) : node.parentNode;
}
