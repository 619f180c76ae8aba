// A tiny router: `:name` segments become params, routes are tried in the order they were added.
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface Matched<R> {
  route: R;
  params: Record<string, string>;
}

interface Compiled<R> {
  method: HttpMethod;
  regex: RegExp;
  names: string[];
  route: R;
}

export class Router<R> {
  private readonly routes: Compiled<R>[] = [];

  add(method: HttpMethod, pattern: string, route: R): void {
    const names: string[] = [];
    const source = pattern
      .split('/')
      .map((segment) => {
        if (!segment.startsWith(':')) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        names.push(segment.slice(1));
        return '([^/]+)';
      })
      .join('/');
    this.routes.push({ method, regex: new RegExp(`^${source}/?$`), names, route });
  }

  /** `methodMismatch` tells a known path with an unsupported method apart from an unknown path. */
  match(method: string, pathname: string): Matched<R> | { methodMismatch: boolean } {
    let pathKnown = false;
    for (const compiled of this.routes) {
      const m = compiled.regex.exec(pathname);
      if (!m) continue;
      pathKnown = true;
      if (compiled.method !== method) continue;
      const params: Record<string, string> = {};
      compiled.names.forEach((name, i) => {
        params[name] = safeDecode(m[i + 1] ?? '');
      });
      return { route: compiled.route, params };
    }
    return { methodMismatch: pathKnown };
  }
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
