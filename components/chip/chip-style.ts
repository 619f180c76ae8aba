// Chip styles. The host's inline style (with !important) keeps page CSS from resizing or hiding it, and
// sizes it in em so that it never makes a line taller: it may add its own width, nothing more.
export const HOST_STYLE = [
  'all: initial',
  'display: inline-block',
  'box-sizing: border-box',
  'width: 1.75em',
  'height: 1em',
  'margin: 0 0 0 0.3em',
  'padding: 0',
  'vertical-align: -0.125em',
  'font-size: inherit',
  'line-height: 1',
  'cursor: pointer',
  'contain: layout style paint',
]
  .map((rule) => `${rule} !important`)
  .join(';');

export const SHADOW_CSS = `
.chip:focus-visible { outline: 2px solid #0b6bcb; outline-offset: 1px; }
.chip { position: relative; display: flex; align-items: center; justify-content: center; box-sizing: border-box;
  width: 100%; height: 100%; border-radius: 0.5em; background: #6b7280; color: #fff;
  font: 700 0.6em/1 system-ui, sans-serif; }
.chip[data-kind="none"] { background: #fff; color: #4b5563; box-shadow: inset 0 0 0 1px #9ca3af; }
.chip[data-kind="unassigned"] { background: #0b6bcb; }
.chip[data-kind="mine"] { background: #15803d; }
.chip[data-kind="other"] { background: #b45309; }
.chip[data-kind="optedOut"] { background: #b91c1c; }
svg { width: 1.25em; height: 1.25em; fill: currentColor; }
.slash { display: none; stroke: currentColor; stroke-width: 2.5; }
.chip[data-kind="optedOut"] .slash { display: inline; }
.initials:empty { display: none; }
.initials:not(:empty) + svg { display: none; }
.dot { display: none; position: absolute; top: -0.2em; right: -0.2em; width: 0.55em; height: 0.55em;
  border-radius: 50%; background: #dc2626; box-shadow: 0 0 0 1px #fff; }
.chip[data-unread] .dot { display: block; }
`;

/** A speech bubble, with a slash shown when the customer opted out. */
export const ICON =
  '<svg viewBox="0 0 20 20" aria-hidden="true"><path d="M3 3h14a1 1 0 0 1 1 1v9a1 1 0 0 1-1 1H8l-4 3v-3H3a1 1 0 0 1-1-1V4a1 1 0 0 1 1-1z"/>' +
  '<line class="slash" x1="3" y1="17" x2="17" y2="2"/></svg>';
