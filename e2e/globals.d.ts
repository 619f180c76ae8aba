// Specs evaluate code inside the extension's service worker and pages, where Chrome's `chrome` exists.
declare const chrome: typeof import('wxt/browser').browser;
