import { startBackground } from '@/lib/background/main';
import { clearSyncedData, onStoreChanged, syncService } from '@/lib/sync';

// Wiring only: everything lives in lib/.
export default defineBackground(() => {
  startBackground({ sync: { ...syncService, clearSyncedData: () => clearSyncedData(), onStoreChanged } });
});
