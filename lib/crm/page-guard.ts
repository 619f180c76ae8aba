// WXT stops a content script when a newer copy of it announces itself: a CustomEvent on `document` named
// ContentScriptContext.SCRIPT_STARTED_MESSAGE_TYPE ("<extension id>:crm:wxt:content-script-started"). The page
// can dispatch that same event (the extension id is public), which would stop us on any page it likes. A real
// newer copy only exists after the extension was reloaded or updated, and then this copy's runtime is gone
// (browser.runtime.id is undefined). So while our runtime lives, the event is swallowed before WXT's listener
// on `document` sees it: a capturing listener on `window` runs first on the event's path.
export function ignoreForgedStops(
  win: Window,
  eventType: string,
  runtimeAlive: () => boolean,
  signal: AbortSignal,
): void {
  win.addEventListener(
    eventType,
    (event) => {
      if (runtimeAlive()) event.stopImmediatePropagation();
    },
    { capture: true, signal },
  );
}
