// The chat stores of the signed-in session, handed down through context so components subscribe
// to them with zustand's useStore and never construct anything themselves.
import { createContext, useContext } from 'react';
import type { ChatApp } from '../../app/chat.ts';

export const ChatAppContext = createContext<ChatApp | null>(null);

export function useChatApp(): ChatApp {
  const app = useContext(ChatAppContext);
  if (!app) throw new Error('useChatApp outside ChatAppContext');
  return app;
}
