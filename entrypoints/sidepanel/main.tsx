import { render } from 'preact';

render(<main>ThreadDesk</main>, document.getElementById('app')!);
