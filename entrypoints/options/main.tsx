import { render } from 'preact';

render(<main>ThreadDesk settings</main>, document.getElementById('app')!);
