// Untrusted text (messages, notes) rendered as text nodes; only http(s) URLs become links, opened in a new tab
// without access to this page.
import { splitLinks } from '../lib/format/links';

export function LinkifiedText({ text }: { text: string }) {
  return (
    <>
      {splitLinks(text).map((part, i) =>
        part.href ? (
          <a key={i} href={part.href} target="_blank" rel="noopener noreferrer">
            {part.text}
          </a>
        ) : (
          part.text
        ),
      )}
    </>
  );
}
