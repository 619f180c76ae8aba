// What the options page's sections share, created by main.tsx (or a test with fakes).
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Send } from '@/lib/ui/api';
import type { SettingsModel } from '@/lib/ui/settings-model';

export interface Permissions {
  /** Must be called straight from a click handler: browsers require a user gesture. */
  request(origins: string[]): Promise<boolean>;
  remove(origins: string[]): Promise<boolean>;
}

export interface OptionsServices {
  settings: SettingsModel;
  send: Send;
  permissions: Permissions;
  /** The OAuth redirect URI to register in the RingCentral app. */
  redirectUri: string;
}

export const OptionsContext = createContext<OptionsServices | null>(null);

export function useOptions(): OptionsServices {
  const services = useContext(OptionsContext);
  if (!services) throw new Error('OptionsContext missing');
  return services;
}
