// The settings page: one section per concern, each saving as the agent changes it.
import { i18n } from '#i18n';
import { AccountSection } from './AccountSection';
import { CrmConnectSection } from './CrmConnectSection';
import { CrmSection } from './CrmSection';
import { ResourcesSection } from './ResourcesSection';
import { ServerSection } from './ServerSection';
import { TargetsSection } from './TargetsSection';
import { TemplatesSection } from './TemplatesSection';
import { ThemeSection } from './ThemeSection';

export function OptionsApp() {
  return (
    <main class="options">
      <h1>{i18n.t('options.title')}</h1>
      <AccountSection />
      <ServerSection />
      <ResourcesSection />
      <TargetsSection />
      <CrmSection />
      <CrmConnectSection />
      <TemplatesSection />
      <ThemeSection />
    </main>
  );
}
