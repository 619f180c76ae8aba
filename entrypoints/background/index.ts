import { startBackground } from '@/lib/background/root';

// Wiring only: the composition root is lib/background/root.ts.
export default defineBackground(() => startBackground());
