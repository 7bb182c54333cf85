// Everything after sign-in (the chat, the documents, the settings screen) is one lazily loaded
// chunk, so the sign-in screen paints with only what it needs.
import { ChatLayout } from './chat/ChatLayout.tsx';
import { SettingsScreen } from './chat/SettingsScreen.tsx';

export default function SignedIn({ showSettings }: { showSettings: boolean }) {
  return showSettings ? <SettingsScreen /> : <ChatLayout />;
}
