import { mountPage } from '@/components/mount-page';
import { AgentSettings } from '@/components/options/AgentSettings';

mountPage(() => <AgentSettings />);
