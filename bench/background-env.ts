// Lets Node load modules that import the WebExtension polyfill (lib/rc/errors → lib/messaging): the polyfill
// refuses to load unless it sees an extension runtime. The benchmark never calls extension APIs.
const g = globalThis as { chrome?: { runtime?: { id?: string } } };
g.chrome ??= { runtime: { id: 'threaddesk-bench' } };
